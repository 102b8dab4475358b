// The shell's styles first: its layout rules came before every screen's in the one old file.
import './shell.css';
import { ChatView } from '../chat/ChatView';
import { NewCircleForm } from '../circles/NewCircleForm';
import { JoinPanel } from '../join/JoinPanel';
import { SettingsPage } from '../settings/SettingsPage';
import { useShellRequests } from '../settings/useShellRequests';
import { JournalReminder } from '../journal/JournalReminder';
import { MeasureReminder } from '../journal/measures/MeasureReminder';
import { JournalView } from '../journal/JournalView';
import { EmptyState } from './EmptyState';
import { Sidebar } from './Sidebar';
import { useMainView, type MainView } from './useMainView';

/** The unlocked app: sidebar of circles beside the page for the chosen one. */
export function MainLayout() {
  const nav = useMainView();
  const { view } = nav;
  useShellRequests(nav.openJoinWithCode, nav.openSettings);

  return (
    <div className="layout">
      <Sidebar
        selectedCircle={view.kind === 'circle' ? view.localId : null}
        selectedAttempt={view.kind === 'join' ? (view.attempt?.id ?? null) : null}
        onSelectCircle={(localId) => nav.openCircle(localId)}
        onSelectAttempt={(attempt) => nav.openJoin(attempt)}
        onNewCircle={nav.openNewCircle}
        onJoin={() => nav.openJoin(null)}
        settingsOpen={view.kind === 'settings'}
        onSettings={nav.openSettings}
        journalOpen={view.kind === 'journal'}
        onJournal={() => nav.openJournal()}
      />
      <main className="pane">
        <JournalReminder onCheckIn={() => nav.openJournal('check-in')} />
        <MeasureReminder onOpen={() => nav.openJournal('measures')} />
        <MainPane view={view} nav={nav} />
      </main>
    </div>
  );
}

function MainPane({ view, nav }: { view: MainView; nav: ReturnType<typeof useMainView> }) {
  switch (view.kind) {
    case 'home':
      return <EmptyState onNewCircle={nav.openNewCircle} onJoin={() => nav.openJoin(null)} />;
    case 'circle':
      return (
        <ChatView
          key={view.localId}
          localId={view.localId}
          autoFocusComposer={view.focusComposer}
          onCircleGone={nav.closeCircle}
        />
      );
    case 'new-circle':
      return <NewCircleForm onCreated={nav.enterCircle} onCancel={nav.back} />;
    case 'join':
      return (
        <JoinPanel
          key={view.code ?? ''}
          initialCode={view.code}
          attempt={view.attempt}
          onAttemptChange={nav.openJoin}
          onAdmitted={nav.enterCircle}
          onClose={nav.back}
        />
      );
    case 'settings':
      return <SettingsPage onClose={nav.back} />;
    case 'journal':
      return <JournalView tab={view.tab} onTabChange={nav.openJournal} />;
  }
}
