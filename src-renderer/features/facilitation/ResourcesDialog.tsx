import { useEffect, useRef, useState, type FormEvent } from 'react';
import { MAX_CIRCLE_RESOURCES } from '../../../src-shared/records/resources-body';
import { checkResourceDrafts } from '../../../src-shared/safety/circle-resource-drafts';
import { useHearth } from '../../app/HearthContext';
import type { CircleView } from '../../services/types';
import { Alert } from '../../ui/Alert';
import { Button } from '../../ui/Button';
import { Dialog } from '../../ui/Dialog';
import { ResourceFields } from './ResourceFields';
import { useAction } from './useAction';
import { useResourceDrafts } from './useResourceDrafts';

interface ResourcesDialogProps {
  localId: string;
  circleName: string;
  resources: CircleView['resources'];
  onClose: () => void;
}

/**
 * Where facilitators add, change and remove the support lines their circle shows in everyone's
 * "Get help now", after Hearth's checked lists. Facilitators only: members see the entries there.
 */
export function ResourcesDialog({ localId, circleName, resources, onClose }: ResourcesDialogProps) {
  const app = useHearth();
  const drafts = useResourceDrafts(resources?.entries);
  const save = useAction('The resources could not be saved just now. Please try again.');
  const [problem, setProblem] = useState<string | null>(null);
  const [saved, setSaved] = useState(false);
  const focusNew = useRef(false);
  const lastName = useRef<HTMLInputElement>(null);
  const addButton = useRef<HTMLButtonElement>(null);
  const form = useRef<HTMLFormElement>(null);
  /** Counts refused saves: after each, the first field to change gets the focus. */
  const [refusals, setRefusals] = useState(0);
  const count = drafts.rows.length;

  useEffect(() => {
    if (refusals > 0) form.current?.querySelector<HTMLElement>('[aria-invalid="true"]')?.focus();
  }, [refusals]);

  useEffect(() => {
    if (focusNew.current) lastName.current?.focus();
    focusNew.current = false;
  }, [count]);

  const onSubmit = async (event: FormEvent) => {
    event.preventDefault();
    setSaved(false);
    const toSave = drafts.toSave();
    const checked = checkResourceDrafts(toSave);
    if (!checked.ok) {
      drafts.showProblems(checked.problems);
      setProblem(checked.message);
      setRefusals((n) => n + 1);
      return;
    }
    setProblem(null);
    if (await save.run('save', () => app.setCircleResources(localId, toSave))) setSaved(true);
  };

  return (
    <Dialog title={`${circleName}: resources`} onClose={onClose}>
      <form
        ref={form}
        className="stack"
        onSubmit={(e) => void onSubmit(e)}
        noValidate
        data-testid="resources-editor"
      >
        <p className="field__hint">
          Support lines and services your circle knows and trusts. Everyone in the circle sees them
          under “Get help now”, after the crisis lines Hearth has checked, with a note that Hearth
          did not check these. Up to {MAX_CIRCLE_RESOURCES}.
        </p>
        {drafts.rows.map((row, i) => (
          <ResourceFields
            key={row.key}
            index={i}
            draft={row.draft}
            problems={row.problems}
            onChange={(field, value) => {
              setSaved(false);
              setProblem(null);
              drafts.change(row.key, field, value);
            }}
            onRemove={() => {
              setSaved(false);
              drafts.remove(row.key);
              addButton.current?.focus();
            }}
            nameRef={i === count - 1 ? lastName : undefined}
          />
        ))}
        {count === 0 ? <p>No resources: saving now clears the circle’s list.</p> : null}
        <div className="actions">
          <Button
            ref={addButton}
            onClick={() => {
              focusNew.current = true;
              drafts.add();
            }}
            disabled={count >= MAX_CIRCLE_RESOURCES}
            data-testid="resource-add"
          >
            Add a resource
          </Button>
        </div>
        <Alert message={problem ?? save.error} testId="resources-error" />
        {saved ? (
          <p role="status" data-testid="resources-saved">
            Saved. Everyone in the circle now sees these under “Get help now”.
          </p>
        ) : null}
        <div className="actions">
          <Button
            type="submit"
            variant="primary"
            disabled={save.running !== null}
            data-testid="resources-save"
          >
            Save resources
          </Button>
        </div>
      </form>
    </Dialog>
  );
}
