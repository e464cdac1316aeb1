/** Dutch texts for editing organisations, the programme, its themes and new actions (`editing.*`); part of governance.nl.ts. */
export const editingNl = {
  // Field errors ("editing.key|param|param2").
  nameNoLetters: "Een naam moet letters of cijfers bevatten.",
  kindInvalid: "Kies een soort: gemeente, bedrijfsleven, kennisinstelling, overige overheid of overig.",
  aliasInvalid: "Elke andere schrijfwijze moet letters of cijfers bevatten.",
  aliasesList: "Geef de andere schrijfwijzen als een lijst van teksten.",
  slugInvalid:
    "Een slug bestaat uit kleine letters, cijfers en losse koppeltekens (bijvoorbeeld gemeente-leiden).",
  nameTaken: "Deze naam hoort al bij {{param}}. Pas die organisatie aan, of voeg de twee samen.",
  aliasTaken: "De schrijfwijze „{{param2}}” hoort al bij {{param}}.",
  slugTaken: "De slug „{{param}}” is (of was) van een andere organisatie.",
  mergeSelf: "Een organisatie kan niet met zichzelf worden samengevoegd.",
  mergeTargetUnknown: "Er is geen organisatie „{{param}}” om mee samen te voegen.",
  mergeTargetRequired: "Kies de organisatie waarmee u wilt samenvoegen.",
  year: "Geef een jaartal op (bijvoorbeeld 2013).",
  period: "Geef een periode op met een eerste en een laatste jaar.",
  periodOrder: "Het eerste jaar mag niet na het laatste jaar liggen.",
  date: "Geef een bestaande datum op als JJJJ-MM-DD (bijvoorbeeld 2013-04-11).",
  intentionCode: "Een voornemen heeft een code zoals 2.1.",
  intentionUnknown: "Voornemen {{param}} bestaat niet in dit thema.",
  intentionHasActions:
    "Voornemen {{param}} kan niet weg: er staan nog acties onder ({{param2}}). Verplaats die eerst naar een ander voornemen.",
  municipalityUnknown: "„{{param}}” is geen gemeente van dit programma.",
  participationStatus: "Kies: doet mee, nog niet besloten of doet niet mee.",
  actionNumber: "Het actienummer moet een positief geheel getal zijn (hoogstens 999999).",
  actionNumberTaken: "Actie {{param}} bestaat al in dit programma.",
  formerSlug: "Deze organisatie is samengevoegd of hernoemd; ze staat nu op {{location}}.",

  conflictText:
    "Sinds u het formulier opende heeft iemand anders een nieuwe versie opgeslagen. Hieronder staan beide versies van de velden die verschillen. Uw invoer staat nog in het formulier: sla opnieuw op om uw versie te bewaren, of begin opnieuw met de opgeslagen versie.",

  // Organisations.
  newOrganisation: "Nieuwe organisatie",
  newOrganisationIntro:
    "Voeg een organisatie toe die nog niet bij Organisaties staat. Bestaat ze al onder een andere naam? Voeg dan die naam toe als andere schrijfwijze.",
  editOrganisation: "{{name}} bewerken",
  fieldName: "Naam",
  fieldKind: "Soort",
  fieldAliases: "Ook geschreven als",
  aliasesHint:
    "Andere schrijfwijzen, één per regel. Formulieren en het inlezen van documenten herkennen de organisatie ook aan deze namen.",
  fieldSlug: "Slug (het adres van de organisatie)",
  slugHint:
    "Verander de slug alleen als het echt nodig is. Het oude adres blijft werken en verwijst door naar het nieuwe.",
  createOrganisation: "Organisatie aanmaken",
  created: "De organisatie is aangemaakt.",
  organisationConflictTitle: "Iemand anders heeft deze organisatie intussen gewijzigd",
  manage: "Beheer",
  merge: "Samenvoegen met een andere organisatie",
  mergeTitle: "{{name}} samenvoegen",
  mergeIntro:
    "Bij samenvoegen gaat alles van {{name}} over naar de organisatie die u kiest: rollen in acties en programma's, deelname aan thema's, contactpersonen, accounts en aanwezigheid bij vergaderingen. De naam en de andere schrijfwijzen van {{name}} worden andere schrijfwijzen van die organisatie, het oude adres verwijst door, en {{name}} verdwijnt. Dit kan niet ongedaan worden gemaakt.",
  mergeTarget: "Samenvoegen met",
  mergeChoose: "Kies een organisatie",
  mergeNext: "Verder",
  mergeConfirmTitle: "Controleer wat er verhuist",
  mergeMoves: "Van {{from}} gaat naar {{into}}:",
  moves_actionRoles: "rollen in acties: {{count}}",
  moves_programmeRoles: "rollen in programma's: {{count}}",
  moves_participation: "deelname aan thema's: {{count}}",
  moves_contacts: "contactpersonen: {{count}}",
  moves_users: "accounts: {{count}}",
  moves_meetings: "aanwezigheid bij vergaderingen: {{count}}",
  moves_aliases: "naam en schrijfwijzen: {{count}}",
  mergeDuplicates:
    "Heeft {{into}} al dezelfde rol in een actie, dan blijft die ene rol over, met de toelichting van beide.",
  mergeConfirm: "Ja, voeg {{from}} samen met {{into}}",
  mergeOther: "Een andere organisatie kiezen",
  merged:
    "De organisaties zijn samengevoegd. De naam en schrijfwijzen van de samengevoegde organisatie staan nu bij „Ook geschreven als”, en haar oude adres verwijst hierheen.",
  mergeConflictTitle: "Een van beide organisaties is intussen gewijzigd",
  mergeConflictText:
    "Sinds u dit overzicht opende heeft iemand anders {{from}} of {{into}} gewijzigd. Hieronder staat wat er nu verhuist; bevestig opnieuw als het nog klopt.",

  // The programme.
  editProgramme: "Programma bewerken",
  fieldTitle: "Titel",
  fieldSubtitle: "Ondertitel",
  fieldAmbition: "Ambitie",
  ambitionHint: "Alinea's scheidt u met een lege regel.",
  fieldPeriod: "Looptijd",
  fieldPeriodStart: "Eerste jaar",
  fieldPeriodEnd: "Laatste jaar",
  periodHint:
    "Een andere periode past de planningsjaren van alle acties aan (doorlopende activiteiten beslaan de hele periode).",
  fieldAdoptedOn: "Vastgesteld op",
  adoptedOnHint: "Als JJJJ-MM-DD; leeg als het programma nog niet is vastgesteld.",
  fieldAdoptedBy: "Vastgesteld door",
  programmeConflictTitle: "Iemand anders heeft het programma intussen gewijzigd",

  // Themes.
  editTheme: "Thema {{number}} bewerken",
  fieldGoal: "Doelstelling",
  fieldIntentionsIntro: "Inleiding bij de voornemens",
  intentions: "Voornemens",
  intentionsHint: "Een voornemen met acties kan niet weg; verplaats de acties eerst.",
  intention: "Voornemen {{code}}",
  intentionActions: "Acties onder dit voornemen: {{count}}.",
  removeIntention: "Voornemen {{code}} verwijderen",
  newIntention: "Nieuw voornemen",
  newIntentionHint: "Krijgt het volgende nummer. Laat leeg als u geen voornemen toevoegt.",
  participation: "Deelname van de gemeenten",
  participationHint:
    "Alleen wat afwijkt van gewoon meedoen (of een toelichting heeft) staat op de themapagina.",
  status: "Deelname",
  status_participating: "Doet mee",
  status_undecided: "Nog niet besloten",
  "status_not-participating": "Doet niet mee",
  note: "Toelichting",
  themeConflictTitle: "Iemand anders heeft dit thema intussen gewijzigd",

  // New actions.
  newAction: "Nieuwe actie",
  newActionIntro: "Een nieuwe actie heeft nog geen categorie: die kiest de stuurgroep met een besluit.",
  choosePlacement: "Kies een voornemen of onderdeel",
  fieldNumber: "Nummer",
  numberHint: "Laat leeg voor het eerstvolgende vrije nummer ({{next}}).",
  createAction: "Actie aanmaken",
  createdAction: "Actie {{number}} is aangemaakt.",
} as const;
