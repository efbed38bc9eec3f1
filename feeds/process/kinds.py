"""What kind of news a text is: a call, its results, an announcement, a report, an agreement, a launch.

The guide: "different stages of one process are different stories (the call for an expert group and
its first meeting; a call and its winners)". In a stream where the same agencies, programmes and
places recur for weeks, two texts about one programme differ above all in what happened: a call opened,
winners were chosen, an event was announced or held, an agreement signed. The kind is read from the
title and the lead, where a report says what it reports, by cue words in German, English and French.
"""

from __future__ import annotations

import functools
import re
import unicodedata

from feeds.process.patterns import led_by_class

LEAD_CHARACTERS = 300

# kind -> cue words and phrases (matched as whole words, case-insensitively; `*` continues a word)
KIND_CUES: dict[str, tuple[str, ...]] = {
    "call": ("call for", "calls for", "open call", "apply", "applications", "application deadline", "deadline",
             "aufruf*", "ausschreibung*", "bewerb*", "einreich*", "antragsfrist*", "appel à", "appels à",
             "candidat*", "date limite"),
    "result": ("winner*", "selected", "awarded", "award", "laureate*", "shortlist*", "finalist*", "ausgewählt",
               "ausgezeichnet", "gewinner*", "preisträger*", "finalist*", "zuschlag", "lauréat*", "sélectionné*",
               "retenu*", "labellisé*"),
    "announcement": ("save the date", "registration", "register", "will take place", "invitation", "invites",
                     "anmeld*", "einladung", "lädt", "findet * statt", "inscription*", "aura lieu", "invite*"),
    "report": ("took place", "was held", "were held", "gathered", "met in", "review", "looking back", "recap",
               "what we learnt", "what we learned", "highlights", "impressions", "eindrücke",
               "fand * statt", "trafen sich", "rückblick", "bilanz", "s'est tenu*", "se sont réuni*", "retour sur"),
    "agreement": ("sign", "signs", "signed", "signing", "agreement", "memorandum", "partnership agreement",
                  "unterzeichn*", "vereinbar*", "absichtserklärung", "kooperationsvertrag", "signent", "signé*",
                  "accord", "convention"),
    "launch": ("launch*", "kick-off", "kicks off", "founded", "founding", "started", "startet", "gestartet",
               "gegründet",
               "gründung", "auftakt*", "lancement", "lance*", "créé*", "création"),
    "appointment": ("appointed", "new director", "new manager", "new chair", "elected", "ernannt",
                    "geschäftsführer*", "gewählt", "nommé*", "élu*", "nouveau directeur"),
}


def _pattern(cue: str) -> str:
    """`*` continues a word at its end, or begins it (a German compound: "*konferenz")."""
    words = [re.escape(word).replace(r"\*", r"\w*") for word in cue.split()]
    return (r"\b" if not cue.startswith("*") else "") + r"\s+(?:\w+\s+)?".join(words) + (
        r"\b" if not cue.endswith("*") else "")


def _cues(cues: tuple[str, ...]) -> re.Pattern[str]:
    """Any of `cues`, ignoring case, for `search` only (whether a text has one, not where), led by the class of
    their first letters (patterns.py). A cue that begins with `*` is looked for from its first letter on: a text
    has "\\w*konferenz\\b" where it has "konferenz\\b"."""
    searched = [_pattern(cue).removeprefix(r"\w*" if cue.startswith("*") else r"\b") for cue in cues]
    return re.compile(led_by_class(searched, re.IGNORECASE, [not cue.startswith("*") for cue in cues]),
                      re.IGNORECASE)


_KINDS = {kind: _cues(cues) for kind, cues in KIND_CUES.items()}
# Most openings have no cue at all: one pass over all cues says so (an alternation matches where one of its
# alternatives does: a text has a cue of some kind exactly when it has one of all).
_ANY_KIND = _cues(tuple(cue for cues in KIND_CUES.values() for cue in cues))


def event_kinds(title: str, text: str) -> frozenset[str]:
    """The kinds of news the title and the lead of a text announce (none when no cue is found)."""
    return _kinds_of(unicodedata.normalize("NFKC", f"{title}\n{text[:LEAD_CHARACTERS]}"))


# Tagging and the dedup fingerprint both read the kinds of each text, a source's batch (up to a few hundred
# items) tagged before it is fingerprinted: the openings of the last batches are remembered (~1 MB).
@functools.lru_cache(maxsize=1024)
def _kinds_of(opening: str) -> frozenset[str]:
    if not _ANY_KIND.search(opening):
        return frozenset()
    return frozenset(kind for kind, pattern in _KINDS.items() if pattern.search(opening))


# The events of the event stage that inform or connect ahead of something: an info day on a call, a webinar on a new
# rule, a workshop, a matchmaking, and (round 22) an event that launches something ("Launch event: European Panorama
# …"); as against a conference, an assembly or a summit, whose outcome a result's title may tell ("… adopts statutes at
# first General Assembly", "… presents results at final conference"; dedup round 76)
BRIEFING_CUES = ("info day", "infoday", "information day", "info session", "information session", "webinar*",
                 "infotag*", "informationstag*", "infoveranstaltung*", "informationsveranstaltung*",
                 "journée d'information", "journée d'info", "workshop*", "brokerage event", "matchmaking event",
                 "launch event", "kick-off event", "kick-off meeting", "auftaktveranstaltung*",
                 "événement de lancement")

# The stage of one process a TITLE says it reports, the first that applies: a title names what its text is
# about ("Info Day on the … call" is the info day, "Winners of the … call" its results), while a lead
# mentions the other stages too (a call announces its info day; an info day names its call).
TITLE_STAGES: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("result", ("winner*", "selected", "awarded", "laureate*", "results", "shortlist*", "finalist*", "ausgewählt",
                "ausgezeichnet", "gewinner*", "preisträger*", "ergebnis*", "lauréat*", "sélectionné*", "retenu*",
                # a prize or a competition won, in a headline's words: "Hohenheim student team wins Field Robot Event",
                # "Die Sieger stehen fest", "Land zeichnet zwölf Netzwerke aus", "remporte le prix" (round 72); not the
                # Siegerland, a region
                "wins", "gewinnt", "gewonnen", "sieger", "siegern", "siegerin*", "siegerprojekt*", "siegerteam*",
                "siegt", "remporte*", "remporté*", "zeichnet",
                "labellisé*", "résultats",
                # who a call funds, named: "Eurocluster announces beneficiaries of its first open call" (round 81)
                "beneficiaries", "bénéficiaires", "begünstigte", "förderempfänger*", "zuwendungsempfänger*",
                # a headline's present tense: "Germany selects its first seven Future Clusters", "Innosuisse choisit
                # ses premiers Innovation Booster" (round 57)
                "selects", "chooses", "picks", "choisit", "choisissent", "sélectionne", "sélectionnent",
                # a grant decided: "newly approved project", "30 Euroclusters gefördert" (round 13)
                "approved", "approves", "granted", "funded", "genehmigt", "bewilligt", "gefördert", "approuvé*",
                "financé*",
                # a status decided: "Wallonia confirms its six competitiveness clusters", "renewed" (round 19)
                "confirms", "confirmed", "bestätigt", "reconduit*", "renewed", "recognised", "recognized",
                "anerkannt",
                # a text adopted, a status granted: "Les élus régionaux adoptent la stratégie", "Portugal recognises
                # 18 clusters", "Clusterpolitik verabschiedet" (round 25)
                "adopt", "adopts", "adopted", "adopte", "adoptent", "adopté*", "verabschiedet", "beschlossen",
                "recognises", "recognizes",
                # an approval in other words: "Commission clears German aid for …", "Brussels signs off on …",
                # "Grünes Licht für …", "feu vert pour …" (round 66). Not an incubator's new cohort: a cohort's call
                # is named so too ("Anmeldung für den neuen Jahrgang")
                "clears", "cleared", "signs off", "signed off", "green light", "grünes licht", "feu vert")),
    # round 23: "appoints", "new head", "beruft", "neue Chefin", "nouveau président" …
    ("appointment", ("appointed", "appoints", "elects", "elected", "new director", "new board", "new head", "new ceo",
                     "new president", "ernannt", "beruft", "neue chefin", "neuer chef", "neue präsidentin",
                     "neuer präsident", "nommé*", "nouveau directeur", "nouvelle directrice", "nouveau président",
                     "nouvelle présidente")),
    # an event announced (its date, its registration, its programme) is another stage than the event held and
    # reported (round 15: a conference's "save the date" joined the reports of it)
    ("announcement", ("save the date", "registration open", "registration is open", "registrations open",
                      "register now", "register for",
                      "programme published", "program published",
                      # an event's programme out: "Das Programm steht", "programme online" (round 27)
                      "programme online", "program online", "programm online", "programm steht",
                      "programm veröffentlicht", "programme en ligne", "invitation", "anmeldung*", "jetzt anmelden",
                      "einladung", "vormerken", "termin steht fest", "inscription*", "inscrivez-vous",
                      "programme dévoilé", "réservez la date", "à vos agendas",
                      # a stand or a visit announced: "Besuchen Sie uns", "… lädt an den Gemeinschaftsstand" (round 26)
                      "visit us", "meet us", "besuchen sie uns", "lädt", "rencontrez-nous", "retrouvez-nous")),
    # a project's or a plant's start, and the plant at work: two stages of one process, neither the other's
    # results ("Projektstart H2-Feuerfest" / "… Ergebnisse aus Höhr-Grenzhausen", "Spatenstich für e-Methanol-
    # Demonstrator" / "Erstes grünes Methanol fließt"; round 48). Before the report: a groundbreaking told
    # afterwards ("Groundbreaking ceremony took place") is still the start. Not a bare "launch" (a programme, a
    # call, a website), and not a signing (an agreement signed at a mission is the mission's report).
    ("start", ("projektstart", "project start", "project starts", "project launched", "startschuss", "spatenstich",
               "baubeginn", "baustart", "grundsteinlegung", "groundbreaking", "ground-breaking", "breaks ground",
               "break ground", "broke ground", "construction starts", "construction begins", "construction started",
               "first stone", "foundation stone", "première pierre", "lancement des travaux", "début des travaux",
               "projet démarre", "démarrage du projet",
               # "ESMC legt Grundstein für Fab in Dresden", "Grundstein gelegt" (round 66)
               "grundstein")),
    ("operation", ("inbetriebnahme", "in betrieb", "in operation", "up and running", "eingeweiht", "einweihung",
                   "inaugurat*", "inauguré*", "mise en service", "fließt",
                   # the first output in a headline's words, "Erste Leuchtfolie rollt vom Band", "… completes first
                   # production run", and "ACC inaugure sa gigafactory" (round 68; a plant opened: below)
                   "inaugure", "inaugurent",
                   "vom band", "off the line", "off the production line", "production run", "production starts",
                   "starts production", "begins production", "start of production", "produktionsstart",
                   "serienfertigung angelaufen", "fertigung angelaufen", "produktion angelaufen", "nimmt fertigung",
                   "nimmt produktion", "startet produktion", "démarre la production", "lance la production",
                   # a building finished, in a German headline's words: "Neue Prüfhalle für Antriebe ist fertig",
                   # "Technikum fertiggestellt" (round 78; the English "completed" is a report, also not the start)
                   "ist fertig", "sind fertig", "steht fertig", "fertiggestellt", "fertig gestellt",
                   # reopened after a rebuild: "Die Vulkaneifel Therme ist wieder da", "… öffnet nach Umbau",
                   # "reopens", "réouverture" (round 79)
                   "ist wieder da", "wieder geöffnet", "wiedereröffnet", "wiedereröffnung", "öffnet nach",
                   "reopens", "reopened", "reopening", "rouvre", "rouvrent", "réouverture")),
    # an event held, told afterwards: the same story as the event's own title, another than its call or its
    # announcement ("Retour de mission : …" against the mission's call for applications; round 18)
    ("report", ("wrap-up", "recap", "looking back", "look back", "what we learned", "took place", "was held",
                # "European hydrogen clusters complete matchmaking mission in Tokyo" (round 23)
                "complete", "completes", "completed", "conclude", "concludes", "concluded",
                # a takeover completed, told after its signing: "Mutares schließt Übernahme von Magirus ab", "le rachat
                # par Hartmann est finalisé" (round 73; the signing is a plan, below)
                "übernahme abgeschlossen", "schließt übernahme * ab", "schließt * übernahme * ab", "finalisé*",
                "finalise le rachat", "closes acquisition", "closes * acquisition",
                "rückblick*", "nachlese", "fand statt", "retour sur", "retour de",
                "s'est tenu*", "s’est tenu*", "s'est déroulé*", "s’est déroulé*",
                # home again, the balance drawn: "… return from Japan with new leads", "ziehen positive Bilanz"
                # (round 22)
                "return from", "returns from", "back from", "zurück aus", "bilanz", "bilan",
                # the outcome judged: "Successful joint stand at …", "… erfolgreich", "un succès" (round 26)
                "success", "successful", "erfolgreich*", "réussi*", "succès")),
    ("event", (*BRIEFING_CUES, "conference", "*konferenz", "conférence", "summit", "forum", "*kongress", "congress",
               "congrès", "general assembly", "*versammlung", "assemblée générale")),
    ("call", ("call", "calls", "aufruf*", "ausschreibung*", "bekanntmachung*", "förderaufruf*", "appel*",
              "apply", "bewerb*", "candidature*", "open for applications",
              # partners or answers sought: "Wasserstoff-Cluster gesucht", "have your say" (round 18)
              "wanted", "gesucht", "sought", "have your say", "please respond",
              # input invited: a consultation, "participez", "contribuez à la future stratégie", "invited to apply"
              # (round 25)
              "consultation", "*konsultation", "participez", "contribuez", "répondez",
              "invited to apply", "invites applications",
              # "Mission Roumanie : dernières semaines pour candidater" (round 31)
              "candidater", "candidatez",
              # a proposal invited or a partner sought for one: "ECC 2024: propose a side event", "… seeks partners
              # for Horizon Europe proposal" (round 69: before the proposal stage)
              "propose a", "propose an", "propose your", "proposez", "seeks partners", "seeking partners",
              "partner search", "looking for partners")),
    # a law or a rule proposed: another stage than the law adopted, published in the Official Journal or in force
    # ("EU-Kommission legt Entwurf für Spielzeugverordnung vor" / "Spielzeugverordnung im Amtsblatt veröffentlicht",
    # two years apart; round 69). After the call ("call for proposals" is a call) and before the publication (a
    # "Beschränkungsvorschlag veröffentlicht" is the proposal); not a bare "Entwurf" (a roadmap's draft discussed at
    # a workshop)
    ("proposal", ("proposes", "proposal", "proposals", "propose", "proposent", "proposition de", "*vorschlag",
                  "schlägt * vor", "entwurf für", "gesetzentwurf*", "verordnungsentwurf*", "richtlinienentwurf*",
                  "referentenentwurf*")),
    ("publication", ("published", "veröffentlicht", "publié*", "new study", "neue studie", "nouvelle étude",
                     # round 22: "Europäisches Clusterpanorama 2020 erschienen", "New report maps …"
                     "erschienen", "new report", "neuer bericht", "nouveau rapport",
                     # out now: "European Cluster Panorama 2021 now available", "… est paru" (round 29)
                     "now available", "available now", "jetzt verfügbar", "jetzt erhältlich", "est paru",
                     "est parue", "vient de paraître", "vient de paraitre")),
    # a plant or a works opened, in a headline's words: "Holzmodulwerk Lauchhammer eröffnet", "New rail maintenance
    # works opens in Cottbus" (round 68). After the call, the event and the publication: a network opens a call too
    # ("Netzwerk eröffnet Ausschreibung"), and a call may be for plants ("opens call for plant breeders").
    ("operation", ("*werk eröffnet", "*fabrik eröffnet", "eröffnet *werk", "eröffnet *fabrik", "plant opens",
                   "factory opens", "works opens", "opens plant", "opens factory", "opens * plant", "opens * factory",
                   "usine ouvre", "ouvre * usine")),
    # a plant or a project planned, or put off: another stage than its start and the plant at work ("Sanofi plans
    # evolutive vaccine facility in the Lyon region" / "Inauguration de l'Evolutive Facility de Sanofi"; round 60).
    # Last, so that a title naming another stage ("… conference: seven action plans") keeps it. Since round 70 also the
    # German verb ("Halloren plant neues Produktionswerk", not the English noun: only before an article or "neu…"), a
    # new plant built and an investment in one ("baut neue Fabrik", "invests in new chocolate plant").
    ("plan", ("plans", "planned", "to build", "will build", "geplant*", "soll entstehen", "sollen entstehen",
              "va construire", "postpone*", "verschiebt", "verschoben", "reporté*",
              "plant neue*", "plant * neue*", "plant ein", "plant eine*", "plant den", "plant das", "baut neue*",
              "invests in new", "investiert in neue*",
              # a takeover agreed, not yet completed: "Iveco verkauft Magirus an Mutares", "… va racheter Clean Alp",
              # "CNH Industrial to acquire Raven Industries" (round 73)
              "agreement to sell", "agrees to sell", "agreement to acquire", "to acquire", "will acquire",
              "va racheter", "verkauft * an", "vereinbarung zur übernahme", "übernahmevereinbarung")),
)
_TITLE_STAGES = tuple((stage, _cues(cues)) for stage, cues in TITLE_STAGES)
_BRIEFING = _cues(BRIEFING_CUES)


def briefing(title: str) -> bool:
    """Whether a title names an event that informs or connects (`BRIEFING_CUES`): an info day, a webinar, a workshop, a
    matchmaking, a kick-off."""
    return bool(_BRIEFING.search(unicodedata.normalize("NFKC", title)))


def title_stage(title: str) -> str | None:
    """The stage of a process (result, appointment, announcement, start, operation, report, event, call, proposal,
    publication, plan) a title says its text reports, or None."""
    normalised = unicodedata.normalize("NFKC", title)
    return next((stage for stage, pattern in _TITLE_STAGES if pattern.search(normalised)), None)


# Whether a text tells its event ahead (what will happen, who may apply) or behind (what happened): an event's
# announcement and the report after it are often two stories (most writers of the blind sets label them so, not all),
# and their titles often name neither stage ("Bavaria at MWC Barcelona 2024" / "MWC Barcelona 2024 welcomes 101,000
# attendees"). Read from the title and the lead in the text's own language: future forms and what a reader may still
# do, against finite past forms. The model weighs it with the other evidence (dedup round 37).
PHASE_CHARACTERS = 600
_AHEAD = {
    "en": (r"\bwill\b", r"\b\w+'ll\b", r"\bupcoming\b", r"\bforthcoming\b", r"\bnext (?:week|month|year)\b",
           r"\bapply\b", r"\bregister\b", r"\bregistration\b", r"\bdeadline\b", r"\b(?:is|are) (?:going|set) to\b",
           r"\bsave the date\b", r"\bjoin us\b"),
    # "werden" before a word and "und" or a comma is mostly a passive of the present ("werden gefördert und
    # begleitet": what a programme does), not an event ahead
    "de": (r"\bwird\b", r"\bwerden\b(?!\s+\w+\s+(?:und|,))", r"\bfindet\b", r"\bkünftig\b", r"\bdemnächst\b",
           r"\bkommende[nmrs]?\b", r"\banmeld\w*", r"\bbewerb\w*", r"\bvormerken\b", r"\bsoll(?:en)?\b",
           r"\bkönnen sich\b", r"\bbis zum\b"),
    "fr": (r"\b\w{3,}(?:era|eront|ira|iront|dra|dront)\b", r"\b(?:sera|seront|aura|auront|fera|feront|ira)\b",
           r"\bprochaine?s?\b", r"\bà venir\b", r"\binscri\w*", r"\bcandidat\w*", r"\bjusqu'au\b",
           r"\bjusqu’au\b", r"\b(?:va|vont) \w+(?:er|ir|re)\b"),
}
_BEHIND = {
    "en": (r"\b(?:was|were|had)\b", r"\btook place\b", r"\b(?:met|came|took|gathered|attended|visited|welcomed|"
           r"showcased|exchanged|discussed|brought together)\b", r"\b(?:has|have) (?:\w+ )?\w+ed\b"),
    "de": (r"\b(?:war|waren|wurde|wurden|hatte|hatten|fand|fanden|kamen|nahmen|trafen|gab|zogen|besuchten|"
           r"stellten|präsentierten|diskutierten|unterzeichneten|zählte|zählten)\b",
           r"\b(?:hat|haben)\b(?:\s+\S+){0,6}?\s+ge\w+(?:t|en)\b"),
    "fr": (r"\b(?:a|ont) été\b", r"\b(?:était|étaient)\b", r"\bs[’']est\b", r"\bse sont\b",
           r"\b(?:a|ont) \w+(?:é|ée|és|ées|i|is|u|us)\b", r"\b\w{3,}(?:ait|aient)\b"),
}
# matched on the lower-cased opening (the cues are written in lower case): about half the time of IGNORECASE
_PHASE = {language: (re.compile("|".join(_AHEAD[language])), re.compile("|".join(_BEHIND[language])))
          for language in _AHEAD}


def phase(title: str, text: str, language: str | None) -> int:
    """-1: the title and lead tell an event ahead, 1: behind, 0: neither clearly or both (or no language read)."""
    patterns = _PHASE.get(language or "")
    if patterns is None:
        return 0
    opening = unicodedata.normalize("NFKC", f"{title}\n{text[:PHASE_CHARACTERS]}").lower()
    ahead, behind = (len(pattern.findall(opening)) for pattern in patterns)
    if behind >= 2 and behind >= 2 * ahead:
        return 1
    if ahead >= 1 and ahead >= 2 * behind:
        return -1
    return 0


# Which round of a programme or which edition of a series a text reports: "the second competition round", "die
# dritte Wettbewerbsrunde", "le deuxième appel", "the second Mediterranean Cluster Forum". A later round's text names
# the earlier ones as background ("like the seven winners of the first round"), an earlier one rarely names the later:
# the text's own round is the highest named in its title and lead, and a round that adds winners to the first ("ten
# more networks", "zehn weitere Netzwerke") is a later one. Two texts of different rounds report different stories, as
# two editions of a series do (dedup round 38).
ROUND_CHARACTERS = 400
# Ordinals name one round or edition of a series ("Zweite Runde", "third call", "deuxième appel"): in a title
# (dedup.signals.title_numbers) and, next to a round's noun, in a lead (`round_number`).
ORDINAL_WORDS = {
    **dict.fromkeys(("erste", "ersten", "erster", "erstes", "first", "premier", "première", "premiers",
                     "premières"), 1),
    **dict.fromkeys(("zweite", "zweiten", "zweiter", "zweites", "second", "deuxième", "seconde"), 2),
    **dict.fromkeys(("dritte", "dritten", "dritter", "drittes", "third", "troisième"), 3),
    **dict.fromkeys(("vierte", "vierten", "vierter", "viertes", "fourth", "quatrième"), 4),
    **dict.fromkeys(("fünfte", "fünften", "fünfter", "fünftes", "fifth", "cinquième"), 5),
}
# what is counted in rounds or editions (German compounds end in it: "Wettbewerbsrunde", "Projektaufruf"), then the
# events that come in editions
_ROUND_NOUNS = (r"[\w-]*(?:runde|aufrufs?|ausschreibung)|rounds?|calls?|editions?|cohorts?|ausgabe|auflage|staffel"
                r"|appels?|éditions?|vague|session|promotion")
_EVENT_NOUNS = r"[\w-]*(?:forum|konferenz|kongress|gipfel)|conference|congress|summit|conférence|congrès|assises"
# an ordinal word (a lead also names a sixth round; titles are read to the fifth), or a figure: "3rd", "2e", "1re",
# "4. Runde"
_ROUND_WORDS = {**ORDINAL_WORDS,
                **dict.fromkeys(("sechste", "sechsten", "sechster", "sechstes", "sixth", "sixième"), 6)}
_ROUND = re.compile(
    r"\b(?:(?P<word>" + "|".join(sorted(map(re.escape, _ROUND_WORDS), key=len, reverse=True))
    + r")|(?P<figure>[1-6])(?:st|nd|rd|th|er|re|e)|(?P<dotted>[1-9])\.)"
    + rf"\s+(?:[\w-]+\s+){{0,2}}(?:{_ROUND_NOUNS}|{_EVENT_NOUNS})\b")
_MORE = re.compile(r"\b(?:\d+|zwei|drei|vier|fünf|sechs|sieben|acht|neun|zehn|elf|zwölf|zwanzig|two|three|four|five"
                   r"|six|seven|eight|nine|ten|eleven|twelve|twenty|deux|trois|quatre|cinq|sept|huit|neuf|dix|douze"
                   r"|vingt)\s+(?:weitere[nrs]?|more|further|additional|supplémentaires)\b")


def round_number(title: str, text: str) -> int:
    """The round or edition the title and lead say the text reports: the highest ordinal named next to a round's or an
    event's noun, the second when it adds winners to a first; 0 when they name none."""
    opening = unicodedata.normalize("NFKC", f"{title}\n{text[:ROUND_CHARACTERS]}").lower()
    found = 0
    for match in _ROUND.finditer(opening):
        word, figure = match.group("word"), match.group("figure") or match.group("dotted")
        value = _ROUND_WORDS[word] if word else int(figure)
        found = max(found, value)
    if found == 1 and _MORE.search(opening):
        return 2
    return found
