import type { editingNl } from "./editing.nl";

type Widen<T> = { -readonly [K in keyof T]: T[K] extends string ? string : Widen<T[K]> };

/** English texts for editing (`editing.*`); every Dutch key must be here (the type checks it). */
export const editingEn: Widen<typeof editingNl> = {
  nameNoLetters: "A name must contain letters or digits.",
  kindInvalid: "Choose a kind: municipality, business, knowledge institution, other government or other.",
  aliasInvalid: "Every other spelling must contain letters or digits.",
  aliasesList: "Give the other spellings as a list of texts.",
  slugInvalid:
    "A slug consists of lower-case letters, digits and single hyphens (for example gemeente-leiden).",
  nameTaken: "This name already belongs to {{param}}. Change that organisation, or merge the two.",
  aliasTaken: "The spelling “{{param2}}” already belongs to {{param}}.",
  slugTaken: "The slug “{{param}}” belongs (or belonged) to another organisation.",
  mergeSelf: "An organisation cannot be merged into itself.",
  mergeTargetUnknown: "There is no organisation “{{param}}” to merge into.",
  mergeTargetRequired: "Choose the organisation to merge into.",
  year: "Give a year (for example 2013).",
  period: "Give a period with a first and a last year.",
  periodOrder: "The first year may not come after the last year.",
  date: "Give an existing date as YYYY-MM-DD (for example 2013-04-11).",
  intentionCode: "An intention has a code such as 2.1.",
  intentionUnknown: "Intention {{param}} does not exist in this theme.",
  intentionHasActions:
    "Intention {{param}} cannot be removed: actions still sit under it ({{param2}}). Move them to another intention first.",
  municipalityUnknown: "“{{param}}” is not a municipality of this programme.",
  participationStatus: "Choose: participating, undecided or not participating.",
  actionNumber: "The action number must be a positive whole number (at most 999999).",
  actionNumberTaken: "Action {{param}} already exists in this programme.",
  formerSlug: "This organisation was merged or renamed; it is now at {{location}}.",

  conflictText:
    "Since you opened the form, someone else has saved a new version. Both versions of the fields that differ are shown below. Your input is still in the form: save again to keep your version, or start again from the saved version.",

  newOrganisation: "New organisation",
  newOrganisationIntro:
    "Add an organisation that is not listed under Organisations yet. Does it exist under another name? Then add this name to it as another spelling.",
  editOrganisation: "Edit {{name}}",
  fieldName: "Name",
  fieldKind: "Kind",
  fieldAliases: "Also written as",
  aliasesHint:
    "Other spellings, one per line. Forms and document imports recognise the organisation by these names too.",
  fieldSlug: "Slug (the organisation's address)",
  slugHint:
    "Only change the slug when you really must. The old address keeps working and redirects to the new one.",
  createOrganisation: "Create organisation",
  created: "The organisation has been created.",
  organisationConflictTitle: "Someone else has changed this organisation in the meantime",
  manage: "Manage",
  merge: "Merge into another organisation",
  mergeTitle: "Merge {{name}}",
  mergeIntro:
    "Merging moves everything of {{name}} to the organisation you choose: roles in actions and programmes, participation in themes, contacts, accounts and meeting attendance. The name and other spellings of {{name}} become other spellings of that organisation, the old address redirects, and {{name}} disappears. This cannot be undone.",
  mergeTarget: "Merge into",
  mergeChoose: "Choose an organisation",
  mergeNext: "Next",
  mergeConfirmTitle: "Check what moves",
  mergeMoves: "From {{from}} to {{into}}:",
  moves_actionRoles: "roles in actions: {{count}}",
  moves_programmeRoles: "roles in programmes: {{count}}",
  moves_participation: "participation in themes: {{count}}",
  moves_contacts: "contacts: {{count}}",
  moves_users: "accounts: {{count}}",
  moves_meetings: "meeting attendance: {{count}}",
  moves_aliases: "name and spellings: {{count}}",
  mergeDuplicates:
    "Where {{into}} already has the same role in an action, that one role remains, with the remarks of both.",
  mergeConfirm: "Yes, merge {{from}} into {{into}}",
  mergeOther: "Choose another organisation",
  merged:
    "The organisations have been merged. The name and spellings of the merged organisation are now listed under “Also written as”, and its old address redirects here.",
  mergeConflictTitle: "One of the two organisations has changed in the meantime",
  mergeConflictText:
    "Since you opened this overview, someone else has changed {{from}} or {{into}}. Below is what moves now; confirm again if it is still right.",

  editProgramme: "Edit programme",
  fieldTitle: "Title",
  fieldSubtitle: "Subtitle",
  fieldAmbition: "Ambition",
  ambitionHint: "Separate paragraphs with a blank line.",
  fieldPeriod: "Period",
  fieldPeriodStart: "First year",
  fieldPeriodEnd: "Last year",
  periodHint:
    "Another period adjusts the planning years of every action (standing activities cover the whole period).",
  fieldAdoptedOn: "Adopted on",
  adoptedOnHint: "As YYYY-MM-DD; empty when the programme has not been adopted yet.",
  fieldAdoptedBy: "Adopted by",
  programmeConflictTitle: "Someone else has changed the programme in the meantime",

  editTheme: "Edit theme {{number}}",
  fieldGoal: "Goal",
  fieldIntentionsIntro: "Introduction to the intentions",
  intentions: "Intentions",
  intentionsHint: "An intention with actions cannot be removed; move the actions first.",
  intention: "Intention {{code}}",
  intentionActions: "Actions under this intention: {{count}}.",
  removeIntention: "Remove intention {{code}}",
  newIntention: "New intention",
  newIntentionHint: "Gets the next number. Leave empty if you are not adding an intention.",
  participation: "Participation of the municipalities",
  participationHint: "Only what differs from plain participation (or has a remark) shows on the theme page.",
  status: "Participation",
  status_participating: "Participating",
  status_undecided: "Undecided",
  "status_not-participating": "Not participating",
  note: "Remark",
  themeConflictTitle: "Someone else has changed this theme in the meantime",

  newAction: "New action",
  newActionIntro: "A new action has no category yet: the steering group chooses it with a decision.",
  choosePlacement: "Choose an intention or part",
  fieldNumber: "Number",
  numberHint: "Leave empty for the next free number ({{next}}).",
  createAction: "Create action",
  createdAction: "Action {{number}} has been created.",
};
