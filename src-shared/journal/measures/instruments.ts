// The three questionnaires as published, quoted word for word from their sources below. They
// are free to use: WHO-5 "does not require permission for use" (WHO), and the PHQ-9 and GAD-7
// carry "No permission required to reproduce, translate, display or distribute" (Pfizer).
//
// - WHO-5: World Health Organization, "The World Health Organization-Five Well-Being Index
//   (WHO-5)", 2024, https://www.who.int/publications/m/item/WHO-UCN-MSD-MHE-2024.01 ; scoring
//   and cut-offs from Psychiatric Research Unit, Mental Health Centre North Zealand, "WHO-5
//   questionnaires", https://www.psykiatri-regionh.dk/who-5/ , and Topp et al., "The WHO-5
//   Well-Being Index: a systematic review of the literature", Psychother Psychosom 2015;84:167-176.
// - PHQ-9 and GAD-7: "Patient Health Questionnaire (PHQ) Screeners", https://www.phqscreeners.com/
//   (Pfizer). PHQ-9: Kroenke, Spitzer, Williams, J Gen Intern Med 2001;16:606-613. GAD-7:
//   Spitzer, Kroenke, Williams, Löwe, Arch Intern Med 2006;166:1092-1097. "Developed by Drs.
//   Robert L. Spitzer, Janet B.W. Williams, Kurt Kroenke and colleagues, with an educational
//   grant from Pfizer Inc."

export type InstrumentId = 'who5' | 'phq9' | 'gad7';

export interface AnswerOption {
  /** The points this answer scores, as published. */
  value: number;
  label: string;
}

export interface Band {
  /** Inclusive bounds on the instrument's reported score (WHO-5: the 0–100 percentage). */
  min: number;
  max: number;
  /** The published name of the band. */
  name: string;
  /** What it means, in plain and gentle words, never as a diagnosis. */
  meaning: string;
}

export interface Instrument {
  id: InstrumentId;
  name: string;
  /** What it looks at, in a few words, for choosing. */
  about: string;
  /** The published instruction above the items. */
  instruction: string;
  items: readonly string[];
  /** The answer scale shared by every item, in published order. */
  options: readonly AnswerOption[];
  /** Reported score = raw sum × multiplier (WHO-5's percentage: ×4). */
  multiplier: number;
  maxScore: number;
  /** Higher reported scores mean better well-being (WHO-5), or more difficulty (PHQ-9, GAD-7). */
  higherIsBetter: boolean;
  bands: readonly Band[];
  /**
   * A published question after the items, asked only when some item was answered above the
   * lowest answer, optional and not part of the score (PHQ-9's "how difficult…").
   */
  closing?: { question: string; options: readonly AnswerOption[] };
  source: { title: string; url: string };
}

const FREQUENCY: readonly AnswerOption[] = [
  { value: 0, label: 'Not at all' },
  { value: 1, label: 'Several days' },
  { value: 2, label: 'More than half the days' },
  { value: 3, label: 'Nearly every day' },
];

export const WHO5: Instrument = {
  id: 'who5',
  name: 'WHO-5',
  about: 'Well-being',
  instruction:
    'Please respond to each item by marking one box per row, regarding how you felt in the last two weeks.',
  items: [
    'I have felt cheerful and in good spirits',
    'I have felt calm and relaxed',
    'I have felt active and vigorous',
    'I woke up feeling fresh and rested',
    'My daily life has been filled with things that interest me',
  ],
  options: [
    { value: 5, label: 'All of the time' },
    { value: 4, label: 'Most of the time' },
    { value: 3, label: 'More than half of the time' },
    { value: 2, label: 'Less than half of the time' },
    { value: 1, label: 'Some of the time' },
    { value: 0, label: 'At no time' },
  ],
  multiplier: 4,
  maxScore: 100,
  higherIsBetter: true,
  // A raw score below 13 (50% or less) "indicates poor wellbeing"; 28% or less is the cut-off
  // Topp et al. report for likely depression. The percentage moves in steps of 4.
  bands: [
    {
      min: 0,
      max: 28,
      name: 'Very low well-being',
      meaning:
        'Your answers describe a hard two weeks, with little that felt good. Scores like this are a reason to talk with a doctor or counsellor, who can ask about what has been going on.',
    },
    {
      min: 29,
      max: 50,
      name: 'Low well-being',
      meaning:
        'Your answers describe lower well-being than usual for many people. It can help to talk this over with a doctor or counsellor, especially if it has lasted a while.',
    },
    {
      min: 51,
      max: 100,
      name: 'Well-being in the usual range',
      meaning:
        'Your answers describe well-being in the range many people report. Higher scores mean better well-being.',
    },
  ],
  source: {
    title: 'The World Health Organization-Five Well-Being Index (WHO-5)',
    url: 'https://www.who.int/publications/m/item/WHO-UCN-MSD-MHE-2024.01',
  },
};

export const PHQ9: Instrument = {
  id: 'phq9',
  name: 'PHQ-9',
  about: 'Low mood and depression',
  instruction:
    'Over the last 2 weeks, how often have you been bothered by any of the following problems?',
  items: [
    'Little interest or pleasure in doing things',
    'Feeling down, depressed, or hopeless',
    'Trouble falling or staying asleep, or sleeping too much',
    'Feeling tired or having little energy',
    'Poor appetite or overeating',
    'Feeling bad about yourself — or that you are a failure or have let yourself or your family down',
    'Trouble concentrating on things, such as reading the newspaper or watching television',
    'Moving or speaking so slowly that other people could have noticed? Or the opposite — being so fidgety or restless that you have been moving around a lot more than usual',
    'Thoughts that you would be better off dead or of hurting yourself in some way',
  ],
  options: FREQUENCY,
  multiplier: 1,
  maxScore: 27,
  higherIsBetter: false,
  bands: [
    {
      min: 0,
      max: 4,
      name: 'None–minimal',
      meaning: 'Your answers describe few or no signs of low mood over the last two weeks.',
    },
    {
      min: 5,
      max: 9,
      name: 'Mild',
      meaning:
        'Your answers describe some low mood over the last two weeks. Keeping an eye on it, and on what helps, is worthwhile.',
    },
    {
      min: 10,
      max: 14,
      name: 'Moderate',
      meaning:
        'Your answers describe a fair amount of low mood. Many people find it helps to talk this over with a doctor or counsellor.',
    },
    {
      min: 15,
      max: 19,
      name: 'Moderately severe',
      meaning:
        'Your answers describe a lot of low mood, most days. Please consider talking with a doctor or counsellor soon; you do not have to carry this alone.',
    },
    {
      min: 20,
      max: 27,
      name: 'Severe',
      meaning:
        'Your answers describe very heavy low mood nearly every day. Please reach out to a doctor or counsellor soon; support can make a real difference.',
    },
  ],
  closing: {
    question:
      'If you checked off any problems, how difficult have these problems made it for you to do your work, take care of things at home, or get along with other people?',
    options: [
      { value: 0, label: 'Not difficult at all' },
      { value: 1, label: 'Somewhat difficult' },
      { value: 2, label: 'Very difficult' },
      { value: 3, label: 'Extremely difficult' },
    ],
  },
  source: {
    title: 'Patient Health Questionnaire (PHQ) Screeners: PHQ-9',
    url: 'https://www.phqscreeners.com/',
  },
};

export const GAD7: Instrument = {
  id: 'gad7',
  name: 'GAD-7',
  about: 'Anxiety and worry',
  instruction: 'Over the last 2 weeks, how often have you been bothered by the following problems?',
  items: [
    'Feeling nervous, anxious, or on edge',
    'Not being able to stop or control worrying',
    'Worrying too much about different things',
    'Trouble relaxing',
    "Being so restless that it's hard to sit still",
    'Becoming easily annoyed or irritable',
    'Feeling afraid as if something awful might happen',
  ],
  options: FREQUENCY,
  multiplier: 1,
  maxScore: 21,
  higherIsBetter: false,
  bands: [
    {
      min: 0,
      max: 4,
      name: 'Minimal',
      meaning: 'Your answers describe little or no anxiety over the last two weeks.',
    },
    {
      min: 5,
      max: 9,
      name: 'Mild',
      meaning:
        'Your answers describe some worry and anxiety over the last two weeks. Keeping an eye on it, and on what helps, is worthwhile.',
    },
    {
      min: 10,
      max: 14,
      name: 'Moderate',
      meaning:
        'Your answers describe a fair amount of anxiety. Many people find it helps to talk this over with a doctor or counsellor.',
    },
    {
      min: 15,
      max: 21,
      name: 'Severe',
      meaning:
        'Your answers describe a lot of anxiety, most days. Please consider talking with a doctor or counsellor soon; support can make a real difference.',
    },
  ],
  source: {
    title: 'Patient Health Questionnaire (PHQ) Screeners: GAD-7',
    url: 'https://www.phqscreeners.com/',
  },
};

/** A short name for PHQ-9's ninth item, for summaries. */
export const SELF_HARM_ITEM_TEXT = 'thoughts of being better off dead or of self-harm';

export const INSTRUMENTS: Readonly<Record<InstrumentId, Instrument>> = {
  who5: WHO5,
  phq9: PHQ9,
  gad7: GAD7,
};

export const INSTRUMENT_IDS: readonly InstrumentId[] = ['who5', 'phq9', 'gad7'];
