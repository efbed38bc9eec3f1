"""The blind sets' measurements, printed and kept as floors (docs/design/evaluation.md).

Each set was measured once, whole, by the code of the round it was written during (2026-12-03):
- dedup and tags set 3 by round 2 (commit 28407b2), set 4 by round 3 (bb13fa3), set 5 by round 4 (7cd6cfb);
- tags sets 6 and 7 by round 5 (0268fc9, 42c3077), tags set 8 by round 6 (0643730), tags sets 9 to 12 by
  round 7 (a7eb8c7, 44336d8), tags sets 13 and 14 by round 8 (7fe63d9), tags sets 15 and 16 by round 9 (2d5efa3);
- dedup sets 6 to 8 by the round-4 deduplicator (33b89c3, e98b20d, ea4e719), dedup sets 9 and 10 by round 7
  (de6af6f), 11 and 12 by round 8 (32d862a), 13 and 14 by round 9 (ca29705), 15 and 16 by round 10 (2d5efa3);
- (2026-12-04) tags sets 17 and 18 by tags round 10 (51cc89c), 19 and 20 by round 11 (fe23ab1), 21 and 22 by
  round 12 (594b7cd), 23 and 24 by round 13 (beb21bf); dedup sets 17 and 18 by dedup round 11 (7ef8e17).
Dedup sets 19 and 20 were measured by dedup round 12 (d3a7fab), the later dedup sets by the rounds the comment above
DEDUP_FLOORS names (sets 47 to 50 by round 25, 51 and 52 by round 26, 53 and 54 by round 27, 55 and 56 by round 28,
57 and 58 by round 29). Every set measured has been tuning data since. The floors are the figures the current code
gives on each, rounded down, not targets tuned towards: a change that loses quality shows here. The issues' targets
are printed next to them; the dedup figures do not meet them yet, the tags figures do on the last pair together
(docs/design/dedup.md, docs/design/tagging.md).
"""

from __future__ import annotations

import json
from typing import Any

import pytest

from feeds.cli.dedup import evaluate
from feeds.config.taxonomy import load_taxonomy
from feeds.process.dedup.evaluation import parse_labelled as parse_dedup
from feeds.process.tagging import Tagger
from feeds.process.tagging.evaluation import parse_labelled as parse_tags
from feeds.process.tagging.evaluation import scores
from feeds.settings import Settings
from tests.support.paths import CONFIG, DATA

TARGETS = {"dedup": {"precision": 0.97, "recall": 0.85, "cross_language_recall": 0.80, "chains": 0},
           "country": {"precision": 0.95, "f1": 0.92}, "topic": {"precision": 0.85, "f1": 0.82}}


# set -> floors of precision, recall, cross-language recall, and the most chains allowed
# Round 7 (2026-12-03) refitted the model on sets 2-8: recall rose on every set, but the in-sample precision of
# sets 3, 4 and 7 fell (0.99 -> 0.97, 0.96 -> 0.93, 0.97 -> 0.95) and sets 3 and 4 gained a chain each, set 5
# lost one; out of sample (scripts/crossvalidate_dedup.py) pooled precision rose 0.914 -> 0.920 with the same
# 7 chains (docs/design/dedup.md, round 7), so these floors follow the refitted code.
# Round 8 (2026-12-03): titles that disagree (stages of one process, different actors, different rounds) veto a
# pair, and the model is refitted on sets 2-10 and the holdout set. Precision rose on sets 4, 7 and 9 (set 9's two
# chains are gone); the floors that go down: set 3's recall and cross-language recall (0.79 -> 0.78: a call joined
# first by one report of its first round now keeps that report, and the veto keeps the other reports of the
# round from that story), set 4's cross-language recall (0.81 -> 0.80) and set 5's recall (0.60 -> 0.59; one
# chain of two neighbouring calls of one programme) under the refitted model. Out of sample
# (scripts/crossvalidate_dedup.py, sets 2-10) pooled precision rose 0.944 -> 0.964 at the same recall 0.743 and
# chains fell 7 -> 5 (docs/design/dedup.md, round 8), so these floors follow the code.
# Round 9 (2026-12-03): acronyms and place-like names in titles are actors, one shared full date admits a
# same-language pair, the model is refitted on sets 2-12 and the holdout set; no floor goes down (set 11 loses its
# chain, recall rises on sets 5, 9, 11 and 12).
# Round 10 (2026-12-03): amounts of money, the figures veto, rare names written alike in two languages, the model
# refitted on sets 2-14 and the holdout set. Out of sample (scripts/crossvalidate_dedup.py, sets 2-14) precision
# stays 0.962 with the same 7 chains and recall rises 0.766 -> 0.772 (docs/design/dedup.md, round 10); in sample
# recall rises on sets 6-9, and the floors that go down are sets 3 and 4: the refit on sets 13 and 14 alone takes
# set 3's precision to 0.96, and the refitted weights put on the shared names split two stories of set 3 (recall
# 0.78 -> 0.74) and join the founding and the launch of one cluster in set 4 (precision 0.92, 2 chains: the
# figures set 4 has out of sample, before and after this round).
# Round 11 (2026-12-04): concepts written differently in de/en/fr, editions in Roman numerals and ordinal figures,
# other event dates across languages as a veto, French elisions and English possessives, the model refitted on sets
# 2-16 and the holdout set. Out of sample (scripts/crossvalidate_dedup.py, sets 2-16) precision 0.963 -> 0.964,
# recall 0.779 -> 0.818, the same 7 chains (docs/design/dedup.md, round 11); in sample recall rises on most sets. The
# floors that go down: set 11's precision (0.99 -> 0.96: the trends report published beside the Cluster Panorama
# joins the Panorama's story, which it names; out of sample the same), set 14's recall and cross-language recall
# (0.80 -> 0.78, 0.81 -> 0.77: the date veto keeps apart two versions of one consultation, one naming its opening
# day, the others its deadline) and set 8's recall under the refitted model (0.73 -> 0.71; out of sample 0.70 -> 0.72).
# Round 12 (2026-12-04): a newsletter's teaser after a dash is its story, counts in titles are no editions, the match
# threshold 0.45 -> 0.40, the model refitted on sets 2-18 and the holdout set. Out of sample (sets 2-18) precision
# 0.965 -> 0.967, recall 0.805 -> 0.825, chains 7 -> 6; in sample recall rises on sets 2, 4, 5, 8, 12, 14, 16, 18.
# The floors that go down, all under the model refitted with sets 17 and 18 (out of sample, where the folds' models
# are fitted without the set, these sets lose at most 0.004): set 3's recall and cross-language recall (0.85 -> 0.83,
# 0.88 -> 0.85; out of sample 0.823 -> 0.837), set 4's precision (0.93 -> 0.92; out of sample 0.933 -> 0.929),
# set 7's precision, recall and cross-language recall (0.98 -> 0.96, 0.74 -> 0.71, 0.86 -> 0.81; out of sample
# unchanged at 0.980 / 0.716 / 0.811), set 12's precision (0.99 -> 0.98; out of sample 1.00 both).
# Round 13 (2026-12-04): results stages "approved" / "gefördert" / "financé", titles naming different places as a
# veto, English names in German and French titles as actors, "Covid-19" no number, candidates sharing one windowed
# key, the model refitted on sets 2-20 and the holdout set. Out of sample (sets 2-20) precision 0.955 -> 0.971,
# recall 0.814 -> 0.825, chains 12 -> 7; in sample precision rises on sets 4, 7, 19 and 20 (19 loses both chains).
# The floors that go down: set 5 (precision 0.96 -> 0.95, recall 0.69 -> 0.67, cross-language 0.82 -> 0.79: a
# "Covid-19" that two calls of 2020 shared no longer joins them, and no longer joins two of one call's versions
# either; out of sample precision 0.861 -> 0.947), set 11's recall and cross-language recall (0.91 -> 0.89,
# 0.97 -> 0.94: the French version of the Innosuisse Flagship call shared "Covid-19" with the others; out of sample
# the same) and set 16's (0.93 -> 0.90, 0.95 -> 0.91: a partner's post from Nouvelle-Aquitaine and the kick-off in
# Valencia, written "Valence" in French, have titles that name two places). Sets 21 and 22: their one measurement
# (commit 61ebf4a, docs/design/dedup.md).
# Round 14 (2026-12-04): one shared specific thing brings a pair in one language to the model too (with a
# `one_specific` input), the match threshold 0.40 -> 0.50, the model refitted on sets 2-22 and the holdout set. Out of
# sample (sets 2-22) precision 0.972 -> 0.977, recall 0.813 -> 0.826, chains 8 -> 7, cross-language recall 0.867 ->
# 0.863. In sample recall rises on most sets; the floors that go down follow the higher threshold: set 3's recall
# (0.84 -> 0.83; out of sample 0.837 -> 0.816), set 4's cross-language recall (0.93 -> 0.90, while its chain goes),
# set 7's recall (0.74 -> 0.71), set 13's (0.88 -> 0.86), set 16's (0.90 / 0.91 -> 0.89 / 0.89) and set 18 (0.99 /
# 0.80 / 0.93 / 0 -> 0.96 / 0.77 / 0.89 / 1 under the model fitted with it; out of sample 1.00 / 0.806 / 0.913 / 0).
# Sets 23 and 24: their one measurement (commit dfb8ee3, docs/design/dedup.md).
# Round 15 (2026-12-04): an event announced ("save the date", "Anmeldung", "inscriptions") is a stage of its own,
# the model refitted on sets 2-24 and the holdout set. Out of sample (sets 2-24) precision 0.963 -> 0.972, chains
# 11 -> 10, recall unchanged (0.825). The floors that go down are the refit's: set 12's recall and cross-language
# recall (0.90 -> 0.86, 0.87 -> 0.80: two undated versions of one conference fall below the threshold; out of
# sample the same since round 14) and set 20's precision (0.98 -> 0.96). Sets 25 and 26: their one measurement (commit
# f49ce6a, docs/design/dedup.md); sets 27 and 28: theirs, by the same code (commit 7a31409).
# Round 17 (2026-12-04): an original and its republication vote once (linkage). Out of sample (sets 2-28) nine more
# right pairs, none wrong; in sample it moves pairs both ways, and these floors go down: set 10's recall (0.91 ->
# 0.83) and set 24's (0.82 -> 0.79), items that matched a republication but not its original; sets 25 and 26's
# precision (0.97 -> 0.95, 0.98 -> 0.97), a pair each joining a story an earlier wrong merge had mixed.
# Round 20 (2026-12-04): the model refitted on sets 2-36 and the holdout set (it was fitted on 2-24); in sample 21
# more right pairs, 6 more wrong, one chain fewer over sets 2-36. The floors that go down are the refit's: sets 3, 5,
# 7, 8, 27 and 29 by a pair or two; sets 24 and 26 each gain a chain (precision 0.95 -> 0.87, 0.97 -> 0.94).
# Sets 29 and 30: their one measurement (round 17, commit ca59b25); sets 31 and 32: theirs (round 18, 3abf4b2);
# sets 33-36: theirs (round 19, 9984f10); sets 37 and 38: theirs (round 20, d37842d).
# Round 21 (2026-12-04): the model is boosted trees with four inputs that date an undated item by its text, fitted on
# sets 2-38 and the holdout set. Out of sample (sets 2-38) precision 0.971 -> 0.972, recall 0.818 -> 0.835,
# cross-language recall 0.857 -> 0.872, the same 16 chains; in sample recall rises on most sets and chains over sets
# 3-38 fall 22 -> 14. The floors that go down are the refit's: sets 4 (P 0.97 -> 0.95, a chain), 9 (0.99 / 0.95 /
# 0.96 -> 0.97 / 0.91 / 0.90), 14 (0.96 / 0.79 -> 0.93 / 0.78, two chains), 32 (0.99 -> 0.96, a chain), and by a
# pair or two 13, 17, 20, 21, 25 and 27. Sets 39 and 40: their one measurement (round 21, b374e31). A set that
# scores 1.00 has the floor 0.99, as before.
# Round 22 (2026-12-04): launch events, homecomings, balances and new reports say their stage; the trees refitted on
# sets 2-40 and the holdout set. Out of sample (sets 2-40) 2,563 -> 2,566 right pairs, 79 -> 73 wrong, chains
# 17 -> 15; in sample chains over sets 3-40 16 -> 14. The floors that go down are the refit's, by a pair or two:
# recall of sets 5, 6, 9, 15, 27, 29 and 38, precision of 26 and 37, and set 34 (0.98 / 0.83 -> 0.96 / 0.81, a
# second chain). Sets 41 and 42: their one measurement (round 22, 719dfab).
# Round 23 (2026-12-04): more stage cues (a report's "complete(s)"/"conclude(s)", an appointment's "appoints", "new
# head", "beruft", "neue Chefin" …, the info event's "Informationsveranstaltung"), stories of several versions merge
# when their primaries reach 0.85 (0.9 before), the model refitted on sets 2-42 and the holdout set. Out of sample
# (scripts/crossvalidate_dedup.py, sets 2-42) 2,679 -> 2,686 right pairs, 72 -> 67 wrong, 16 -> 15 chains; in sample
# the floors that go down are the refit's: sets 4, 7, 10, 16, 18, 19 and 32 lose a pair or two of recall, set 41 a
# wrong pair, and set 21 joins the two winners of one regional innovation prize (one chain). Sets 43 and 44: their one
# measurement (round 23, 7b9db25).
# Round 24 (2026-12-04): a title name counts as named by the other text in any of its forms (word, capitalised
# name, acronym), and the trees are 150 of two levels (60 of three before), refitted on sets 2-44 and the holdout
# set. Out of sample (sets 2-44) 2,799 -> 2,816 right pairs, 84 -> 77 wrong, 17 -> 16 chains. Shallower trees fit
# the sets less closely in sample: the floors that go down are recall of sets 3, 5, 6, 8, 16, 33, 37 and 40 (a pair
# or a few), precision of 6, 17 and 25, and set 34 (0.98 / 0.83 / 0.93 -> 0.95 / 0.74 / 0.80, a second chain);
# sets 9, 13-15, 19, 21-23, 26-28, 30, 32, 43 and 44 go up, set 14 loses its chain. Sets 45 and 46: their one
# measurement (round 24, 6f62ef4).
# Round 25 (2026-12-04): input invited (a consultation, "contribuez", "invited to apply") is a call and a text adopted
# or a status granted ("adoptent", "verabschiedet", "recognises") a result; the trees refitted on sets 2-46 and the
# holdout set. Out of sample (sets 2-46) 2,941 -> 2,940 right pairs, 80 -> 79 wrong, 19 -> 18 chains; in sample chains
# over sets 3-46 fall 19 -> 15 (sets 21, 25, 34 and 41 lose one each). The floors that go down are the refit's, by a
# pair or a few: recall of sets 6, 10, 18, 26 and 44, cross-language recall of 10, 18, 23 and 27, and set 43 (0.97 /
# 0.86 / 0.88 -> 0.96 / 0.81 / 0.79). Sets 47 to 50: their one measurement (round 25).
# Round 26 (2026-12-04): a stand or a visit announced ("Besuchen Sie uns", "visit us", "lädt") is an announcement and
# an outcome judged ("successful", "erfolgreich", "un succès") a report; the trees refitted on sets 2-50 and the holdout
# set. Out of sample (sets 2-50) 3,178 -> 3,179 right pairs, 91 -> 89 wrong, 21 -> 20 chains; in sample chains over
# sets 3-50 fall 18 -> 15. The floors that go down are the refit's: recall of sets 13, 23 and 31 (and 31's
# cross-language recall), set 47's cross-language recall and set 48 (0.95 / 0.84 -> 0.93 / 0.82), precision of 25,
# and sets 33 (0.99 -> 0.93) and 37 (0.99 / 0.85 -> 0.94 / 0.84, a chain). Sets 51 and 52: their one measurement
# (round 26).
# Round 27 (2026-12-04): an event's programme out ("programme online", "Das Programm steht", "Programm
# veröffentlicht") is its announcement; the trees refitted on sets 2-52 and the holdout set. Out of sample only sets 10,
# 20, 48 and 51 have a title whose stage changes (the trees' inputs do not include stages): 254 -> 255 right pairs,
# 9 -> 8 wrong, 4 -> 3 chains there. The refit moves the in-sample figures both ways (11 sets up, 13 down; chains over
# sets 3-50 15 -> 17): the floors that go down are recall of sets 6, 8, 14, 15, 16, 36 and 38 (and cross-language
# recall of 6, 14 and 36), precision of 12 and 46 (46's recall 0.76 -> 0.71), set 40 (0.99 / 0.92 / 0.94 -> 0.98 /
# 0.85 / 0.90), and sets 23, 34 and 44, which gain a chain each (precision 0.99 -> 0.96, 0.97, 0.95). Sets 53 and 54:
# their one measurement (round 27).
# Round 28 (2026-12-04): what the two titles name in common and whether each title's specific things are in the other
# text are inputs of the trees; an undated text naming a year the other text names too is no sign of another year; the
# trees refitted on sets 2-54 and the holdout set. Out of sample (sets 2-54) 3,422 -> 3,432 right pairs, 90 -> 93 wrong,
# 22 -> 21 chains; in sample chains over sets 3-54 fall 20 -> 18 (32, 34, 44, 46 and 54 lose one; 14, 36 and 37 gain
# one). The refit moves the in-sample figures both ways (22 sets up, 21 down): the floors that go down are recall of
# sets 11, 13, 15, 18, 21, 26, 27, 33, 37, 41, 43, 44, 45, 49, 50 and 52, cross-language recall of 4, 5, 11, 13, 15, 18,
# 21, 33, 41, 45, 49, 50 and 52, and precision of 5, 6, 11, 14, 15, 18, 26, 27, 33, 36 and 37 (14: 0.99 -> 0.96, 36:
# 0.96 -> 0.93, 37: 0.99 -> 0.92, each with its new chain).
# Round 29 (2026-12-04): a name in a title counts once among the title's specific things ("Euroclusters" is the EU
# concept, not also a capitalised word), and a publication out ("now available", "est paru", "jetzt verfügbar") is a
# publication; the trees refitted on sets 2-56 and the holdout set. Out of sample (sets 2-56) 3,567 -> 3,565 right
# pairs, 99 -> 94 wrong, 22 -> 21 chains; in sample chains over sets 3-56 fall 19 -> 17 (20, 23 and 36 lose one; 28 and
# 54 gain one). The floors that go down are the refit's: recall of sets 10, 17, 20, 22, 25, 28, 43, 48, 50, 53 and 56,
# cross-language recall of 10, 17, 20, 22, 25, 43, 48 and 56, and precision of 17, 28 (0.99 -> 0.95, its chain), 33
# (0.97 -> 0.92), 43 and 54 (0.99 -> 0.98, its chain). Sets 57 and 58: their one measurement (round 29).
# Round 30 (2026-12-05): a place that begins a compound in a title names whose it is ("Niedersachsen-Stand", "Bayern-
# Gemeinschaftsstand"), so two regions' stands at one fair are two stories; the trees refitted on sets 2-58 and the
# holdout set. Out of sample (sets 2-58) 3,662 -> 3,666 right pairs, 112 -> 106 wrong, 23 -> 22 chains; in sample chains
# over sets 3-58 fall 19 -> 17 (28 and 57 lose one). The refit trades recall for precision in sample: the floors that go
# down are recall of sets 6, 11, 13, 21, 26, 30, 33, 34, 36, 38, 40, 46, 50, 51, 52, 54, 55 and 58 (by 0.01-0.03),
# cross-language recall of 6, 11, 13, 30, 33, 34, 36, 40, 51, 54 and 55, and precision of 26 (0.96 -> 0.94). Sets 59 to
# 62: their one measurement (round 30).
# Round 31 (2026-12-05): a country's pavilion or stand in a title ("Pavillon France") is among the title's places, and
# "candidater", "candidatez" say a call; the trees refitted on sets 2-62 and the holdout set. Out of sample (sets 2-62)
# 3,961 -> 3,962 right pairs, 103 wrong and 23 chains either way. The refit moves the in-sample figures both ways (13
# sets up, 13 down) and chains over sets 3-62 rise 18 -> 20: the floors that go down are recall of sets 5, 11, 24, 25,
# 28, 48 and 54, cross-language recall of 5, 15, 24, 28, 48, 50 and 56, precision of 15, 17, 33 and 42, and sets 25
# (0.97 -> 0.89) and 50 (0.99 -> 0.96), which gain a chain each. Sets 63 to 66: their one measurement (round 31).
# Round 32 (2026-12-05): a place's adjective is the place in all its forms ("bayerische", "bretonnes", "Bavarian",
# "Dresdner") and a German place's genitive too ("Sachsens"); in a title about exhibitors, stands or pavilions a
# country's adjective says whose they are ("85 exposants français", "Polish clusters on the national stand"); the trees
# refitted on sets 2-66 and the holdout set. Out of sample (sets 2-66) 4,194 -> 4,209 right pairs, 162 wrong either way,
# 33 -> 36 chains (a country's adjective in every title instead: 4,177 right, 151 wrong, 32 chains; the national angles
# of one selection split). In sample chains over sets 3-66 fall 30 -> 26 (24, 25, 50 and 54 lose one, 64 three; 18, 35
# and 36 gain one). The refit moves the in-sample figures both ways (20 sets up, 25 down): the floors that go down are
# recall of sets 3, 6, 15, 16, 18, 26, 27, 31, 33, 35, 36, 38, 40, 43, 46, 48, 51, 52, 55, 58, 59, 60 and 65,
# cross-language recall of 3, 6, 15, 16, 33, 35, 36, 40, 43, 55, 59, 60 and 65, and precision of 22, 33, 38, 55 (0.99 ->
# 0.95) and 63, and of 18 (0.98 -> 0.91), 35 (0.99 -> 0.98) and 36 (0.99 -> 0.96), each with its new chain. Sets 67 to
# 72: their one measurement (round 32).
# Round 33 (2026-12-05): a title that names a trade fair ("… return to interpack", "Hannover Messe", "salon") counts a
# country's adjective as its actor too, and a German-speaking place's adjective in "-er" ("Osnabrücker", "Jenaer") is
# the place; the trees refitted on sets 2-72 and the holdout set. Out of sample (sets 2-72) 4,567 right pairs either
# way, 204 -> 190 wrong, 43 -> 38 chains. In sample chains over sets 3-72 fall 34 -> 33 (27 loses one, 67 four; 34, 58,
# 64 and 70 gain one). The refit, the first with the six sets 67-72 and their many fair stands, trades recall for
# precision in sample (17 sets up, 26 down): the floors that go down are recall of sets 8, 13, 16, 17, 22, 26, 34, 35,
# 36, 38, 39, 41, 43, 46 (0.79 -> 0.72), 47, 53, 54, 57, 58 (0.70 -> 0.64), 63, 64, 65 and 70, cross-language recall of
# 8, 13, 17, 22, 35, 36, 39, 46, 47, 53, 54, 57, 58 (0.67 -> 0.57), 63, 64, 65 and 70, and precision of 37, 41, 42, 48
# and 63, and of 34, 58 and 70, each with its new chain. Sets 73 to 76: their one measurement (round 33).
# Round 34 (2026-12-05): at a fair, a title that names whose stand it is and a text that never names them report two
# stories when the other title names no place (the fair's opening, final report or matchmaking day and one exhibitor's
# stand); the trees refitted on sets 2-76 and the holdout set. Out of sample (sets 2-76) 4,782 -> 4,779 right pairs, 210
# -> 151 wrong (sets 64, 67 and 73 lose 56 of the 59), 39 -> 35 chains. In sample chains over sets 3-76 stay 36 (36, 60,
# 64 and 67 lose one; 49, 50, 54 and 55 gain one). The refit moves the in-sample figures both ways (21 sets up, 22
# down): the floors that go down are recall of sets 3, 5, 15, 21, 26, 28, 33, 39, 44, 45, 48, 49, 50, 54, 55, 64, 68,
# 69, 71, 73 and 74, cross-language recall of 3, 5, 15, 21, 26, 28, 33, 39, 49, 50, 55, 68, 73 and 74, and precision of
# 17, 33 and 69, and of 49, 50, 54 and 55 (0.95 -> 0.91), each with its new chain. Sets 77 to 80: their one measurement
# (round 34).
# Round 36 (2026-12-05): an undated text's named days are measured against the dated text's publication and against the
# days that text names too (a preview published in May names the forum's September day, which an undated report of the
# forum names); the trees refitted on sets 2-84 and the holdout set. Out of sample (sets 2-84) 5,177 -> 5,187 right
# pairs, 175 -> 172 wrong, 39 chains either way. In sample chains over sets 3-84 fall 39 -> 35 (34, 55, 70, 73 and 77
# lose one; 36 gains one). The refit moves the in-sample figures both ways (22 sets up, 17 down): the floors that go
# down are recall of sets 11, 17, 22, 27, 30, 43, 47, 50, 56, 59, 62, 75 and 78, cross-language recall of 11, 27, 30,
# 34, 43, 47, 56, 62, 75 and 78, and precision of 5, 6 and 21 (0.99 -> 0.98), 27 (0.90 -> 0.89) and 36 (0.99 -> 0.96,
# its new chain).
# Round 37 (2026-12-05): whether a text tells its event ahead (future forms, who may still apply or register) or behind
# (finite past forms), read from its title and lead in its own language, and the model told when two texts tell one
# event from opposite sides; the trees refitted on sets 2-92 and the holdout set. Out of sample (sets 2-92) 5,631 ->
# 5,650 right pairs, 200 -> 195 wrong, 43 -> 39 chains (a phase drawn at random, twice: 5,632 right, 198 and 202 wrong,
# 42 and 43 chains). In sample chains over sets 3-92 fall 36 -> 35 (18, 36, 58 and 64 lose one; 20, 60 and 79 gain
# one). The refit moves the in-sample figures both ways (37 sets up, 21 down): the floors that go down are recall of
# sets 5, 8, 10, 11, 13, 15, 20, 29, 40, 53, 54, 67, 70, 74 and 79, cross-language recall of 5, 8, 10, 11, 29, 40, 50,
# 53, 54, 67, 70, 74, 79 and 90, and precision of 15, 48, 56 (0.95 -> 0.89), 67 and 92 (0.75 -> 0.72), and of 20,
# 60 and 79, each with its new chain. Sets 97 to 100: their one measurement (round 37's decisions, commit 776817d).
# Round 38 (2026-12-05): two texts whose titles and leads name different rounds or editions of a programme or series
# are a series, not for the model ("Die ersten Zukunftscluster stehen fest" / "seven more Future Clusters announced",
# whose lead names the second round); the trees refitted on sets 2-100 and the holdout set. Out of sample (sets 2-96)
# 5,832 right pairs either way, 204 -> 195 wrong, 44 chains either way (the rule alone, with round 37's fold models:
# 5,828 right, 197 wrong, 43 chains). In sample chains over sets 3-100 fall 43 -> 42 (3, 50, 51, 54, 60, 92, 95 and 99
# lose one; 23, 27, 34, 64, 70, 73 and 94 gain one). The refit moves the in-sample figures both ways (31 sets up, 33
# down): the floors that go down are recall of sets 3, 7, 16, 18, 19, 22, 38, 47, 51, 52, 56, 57, 58, 65, 67, 68 (0.82
# -> 0.75), 69, 71, 84, 85 and 91, cross-language recall of 3, 22, 35, 51, 56, 57, 58, 67, 68, 85, 91 and 99, and
# precision of 12, 41, 57, 69, 82 (0.99 -> 0.95) and 91, and of 23, 27, 34, 64, 70 and 73, each with its new chain.
# Sets 101 to 104: their one measurement (round 38).
# Round 39 (2026-12-05): a story's member that shares nothing specific with an item (no rare word, date, number,
# acronym, place or programme: no evidence either way) abstains when the members that can judge the item match it well
# (mean at least 0.7, none below the floor) instead of voting 0 below the floor; a member that contradicts the item
# still votes 0. The trees refitted on sets 2-104 and the holdout set. Out of sample (sets 2-104) 6,264 -> 6,298 right
# pairs, 204 -> 203 wrong, 43 -> 42 chains (abstaining at 0.6 alike, at 0.5 or whenever any member can judge: 216 wrong,
# 45 chains). In sample chains over sets 3-104 fall 43 -> 42 (23, 35, 48, 64 and 94 lose one; 3, 28, 58, 60, 69 and 92
# gain one). The refit moves the in-sample figures both ways (36 sets up, 23 down): the floors that go down are recall
# of sets 28, 34, 43, 51, 54, 66, 73, 77, 78, 86, 90 (0.91 -> 0.82), 91 and 98, cross-language recall of 34, 54, 78, 86,
# 90, 91, 98 and 101, and precision of 17, 57, 63, 73, 103 (0.95 -> 0.91), and of 28, 58, 60, 69 (0.96 -> 0.91) and 92,
# each with its new chain. Sets 105 to 108: their one measurement (round 39).
# Round 40 (2026-12-05): in two languages, the rare words of one root each text spells its own way ("Resilienz" and
# "résilience", "Konsortium" and "consortium": accents dropped, spellings folded, the first seven letters) are a model
# input, and the years an undated text's URL names ("/aktuelles/2021/…", "…-mwc-barcelona-2023") place it: all more than
# a year from the other text's, none a year the other text names, they veto the pair. The trees refitted on sets 2-108
# and the holdout set. Out of sample (sets 2-108) 6,518 -> 6,537 right pairs, 229 -> 211 wrong, 50 -> 47 chains (the
# cognates alone: 6,531, 225, 49). In sample chains over sets 3-108 fall 43 -> 39 (3, 20, 28, 49, 60, 65, 69 and 70 lose
# one; 48, 54, 94 and 99 gain one). The refit moves the in-sample figures both ways (44 sets up, 30 down): the floors
# that go down are recall of sets 7, 8, 10, 21, 22, 30, 35, 43, 59, 60, 61, 62, 67, 71, 74, 96, 103 and 107 (0.75 ->
# 0.70), cross-language recall of 7, 8, 10, 15, 17, 21, 30, 43 (0.86 -> 0.76), 46, 59, 61, 62, 74, 96, 107 and 108,
# precision of 6, 15, 52, 73, 82 and 96, and every figure of 48, 54, 94 and 99, each with its new chain. Sets 109 to
# 112: their one measurement (round 40).
# Round 41 (2026-12-05): a newsletter page titled only by its issue ("Newsletter Clusterplattform Juni 2019") whose body
# leads with a headline of its own (a first paragraph of 8-100 characters that ends neither as a sentence nor as a
# greeting) is that story's teaser, not a digest: its title is that headline and its links are references. The trees
# refitted on sets 2-112 and the holdout set. Out of sample (sets 2-112) 6,697 -> 6,744 right pairs, 232 -> 233 wrong,
# 50 chains either way. In sample chains over sets 3-112 fall 44 -> 42 (48, 58, 73, 94, 99 and 110 lose one; 3, 20, 28
# and 55 gain one). The refit moves the in-sample figures both ways (41 sets up, 22 down): the floors that go down are
# recall of sets 5, 10, 11, 18, 25, 26, 46, 56, 57, 65, 82 (0.71 -> 0.65), 86, 88, 96 and 106, cross-language recall of
# 11, 47, 56, 57, 65, 82 (0.82 -> 0.70) and 88, precision of 11, 46, 56, 67 and 102 (0.99 -> 0.93), and every figure of
# 3, 20, 28 and 55, each with its new chain. Sets 113 to 116: their one measurement (round 41).
# Round 42 (2026-12-06): the model reads the numbers two texts name (counts, figures, amounts; not years): how many both
# name (at most 3) and whether both name numbers and share none. Among the pairs the fold models scored at 0.5 or more,
# gold pairs shared 0.72 numbers on average and the others 0.20. The trees refitted on sets 2-116 and the holdout set.
# Out of sample (sets 2-116) 6,961 -> 7,021 right pairs, 243 -> 217 wrong, 51 -> 45 chains (with the share of places
# both name as a third input: 7,043, 233, 52; not kept). In sample chains over sets 3-116 fall 44 -> 42 (28, 46, 64, 67
# and 81 lose chains; 18, 60, 69, 70 and 110 gain one). The refit moves the in-sample figures both ways (47 sets up, 37
# down): the floors that go down are recall of sets 8, 15, 20, 30, 33, 35, 39, 42, 44, 47, 51, 56, 68, 74, 79, 88 (0.83
# -> 0.72), 90, 91, 94, 97, 100, 103, 108 and 116, cross-language recall of 15, 20, 30, 32, 33, 39, 42 (0.90 -> 0.82),
# 44, 47, 56, 65, 68, 74, 79, 88, 90, 91, 97, 100, 103 and 116, precision of 12, 56, 73 (0.88 -> 0.83), 80, 82, 92 and
# 112, and every figure of 18, 60, 69, 70 and 110, each with its new chain. Sets 117 to 120: their one measurement
# (round 42).
# Round 43 (2026-12-06): an amount of money whose count is a word ("rund einer Milliarde Euro", "un milliard d'euros",
# "half a million euros", "zwei Millionen Euro"; 323 texts of sets 2-120 and the holdout) is the same `e:` and `n:`
# features as the amount in figures, and a figure scaled by a magnitude with its count in words ("zehn Millionen
# Tonnen") is that figure, not the count alone. The trees refitted on sets 2-120 and the holdout set. Out of sample
# (sets 2-120) 7,198 -> 7,233 right pairs, 239 -> 231 wrong, 54 -> 51 chains. In sample chains over sets 3-120 go 42 ->
# 49, of which 42 -> 48 come from the four sets added to the fit (round 42's code refitted on sets 2-120 gives 48). The
# floors that go down: recall of sets 3, 7, 11, 13, 18, 22 (0.92 -> 0.86), 23, 26, 32, 38, 40, 42, 43, 49, 52, 65, 69,
# 79, 87, 93, 98, 109, 111 (1.00 -> 0.95) and 116, cross-language recall of 3, 11, 18, 22, 23, 32, 40, 49, 52, 93, 98,
# 101 and 111, precision of 6 and 75, every figure of 36, 64 (P 0.82 -> 0.75, 2 -> 4 chains), 77, 92 and 94, precision
# and chains of 46 and 117 (0 -> 2 chains); new chains in 36, 46, 64, 77, 94 and 117. Sets 121 to 124: their one
# measurement (round 43).
# Round 44 (2026-12-06): EU instruments that each language names in its own words or acronym (the IPCEI, "wichtiges
# Vorhaben von gemeinsamem europäischem Interesse", "PIIEC"; the European Digital Innovation Hubs, "pôles européens
# d'innovation numérique"; the Just Transition Fund, the Net-Zero Industry and Critical Raw Materials Acts, and nine
# more) are concepts, an acronym that names a concept is the concept also inside a compound ("IPCEI-Vorhaben"), and no
# actor in a title. The trees refitted on sets 2-124 and the holdout set. Out of sample (sets 2-124) 7,420 -> 7,432
# right pairs, 249 -> 235 wrong, 55 -> 54 chains. In sample chains over sets 3-124 go 50 -> 46 (round 43's code
# refitted on the same sets: 50). The floors that go down: recall of sets 16, 33, 37, 38, 43, 53, 88 and 97, recall
# and cross-language recall of 3, 20, 21, 25, 34 (0.93 -> 0.86 cross-language), 39, 45, 74, 78, 82, 91, 115 and 124,
# cross-language recall of 47, precision of 80, 102 (0.99 -> 0.93), 103 and 111 (0.88 -> 0.82), precision and recall
# of 96, 106 and 110, every figure but chains of 18, 48 and 56, precision and chains of 60 (0 -> 1 chain) and 81 (1 ->
# 2 chains). Sets 125 to 128: their one measurement (round 44).
# Round 45 (2026-12-06): the programme areas and macro-regions of European territorial cooperation ("Alpenraum" =
# "Alpine Space" = "Espace alpin", "Oberrhein" = "Rhin supérieur", "Großregion" = "Grande Région", and eight more) are
# places (config/countries.yaml `place_aliases`, under `eu`). The trees refitted on sets 2-128 and the holdout set.
# Out of sample (sets 2-128) 7,645 -> 7,661 right pairs, 252 -> 236 wrong, 57 -> 53 chains. In sample chains over sets
# 3-128 go 48 -> 47. The floors that go down: recall of sets 10, 26, 60, 87, 99, 103 and 105, recall and
# cross-language recall of 3, 13, 14, 17, 21, 40, 52, 55, 59, 61, 79, 85 (0.86 -> 0.75), 86, 90 and 111,
# cross-language recall of 16 and 93, precision of 12, 38 (0.99 -> 0.91), 73 and 84, precision and recall of 41, every
# figure but chains of 42, 57 and 70, precision and chains of 5 and 94 (0 -> 1 chain), every figure of 50 and 58 (0 ->
# 1 chain), precision, recall and chains of 117 (0 -> 2 chains). Sets 129 to 132: their one measurement (round 45).
# Round 46 (2026-12-06): an acronym the concept table writes in capitals is the concept whatever its length ("EIB" =
# "BEI" = the European Investment Bank, "EIF" = "FEI", "JRC", "EIT", "EIC", "EEN", "SMP", "I3"; names otherwise need
# four letters), so a text that names the body by its acronym and one that spells it out share it, and a title's "EIB"
# is no actor. The trees refitted on sets 2-132 and the holdout set. Out of sample (sets 2-132) 7,935 -> 7,936 right
# pairs, 239 -> 246 wrong, 55 -> 53 chains; of the pairs with a text whose features changed, 16 missed found, 1 lost,
# 1 wrong gone and 1 come. In sample chains over sets 3-132: 47 (round 45's trees as fitted on sets 2-128: 47;
# refitted on sets 2-132: 50). The floors that go down: recall of sets 16, 26, 29, 35, 53, 64, 97, 109 and 121, recall
# and cross-language recall of 6, 8 (0.89 -> 0.83), 21, 22, 23, 24, 36, 48, 49, 51, 54, 63, 77, 101, 108, 114, 122
# (0.92 -> 0.87) and 128, cross-language recall of 32 and 105, precision of 52, 75, 92 (0.75 -> 0.69), 111 (0.88 ->
# 0.82) and 131, precision and cross-language recall of 103, every figure but chains of 5, 27, 110 (0.76 -> 0.69
# recall) and 118 (0.98 -> 0.92 precision), precision and chains of 46 and 132 (0 -> 1 chain), precision, recall and
# chains of 28, precision, cross-language recall and chains of 112, every figure of 125 and 127 (0 -> 1 chain). Sets
# 133 to 136: their one measurement (round 46).
# Round 47 (2026-12-06): a newsletter page titled only by its issue whose first paragraph opens with its lead story's
# headline run into the teaser ("Cluster in Kanada: Zwölf Clustermanagements …") or ends with the title its link names
# ("Mehr: Deutsche Cluster knüpfen Kontakte in Kanada") is that story's teaser, not a digest (28 pages of sets 2-136,
# each labelled with a story). The trees refitted on sets 2-136 and the holdout set. Out of sample (sets 2-132) 7,936
# -> 7,994 right pairs, 246 -> 252 wrong, 53 -> 56 chains; of the pairs with one of the 28 pages, 30 missed found,
# none lost, none wrong (the other changes and every new chain are the refit's). In sample over sets 3-136: 8,179
# right pairs, 234 wrong, 51 chains (round 46's code refitted on the same sets: 8,159, 240, 52). The floors that go
# down: recall of sets 10, 27, 33, 48, 96, 115 and 117, recall and cross-language recall of 3, 59, 68, 90 and 111
# (1.00 -> 0.93), precision of 125 and 127, precision and recall of 84, every figure but chains of 15 (0.95 -> 0.86
# cross-language) and 56, precision, recall and chains of 23 (0 -> 1 chain), every figure of 46 (1 -> 2 chains), 64 (2
# -> 3) and 83 (0 -> 1), precision and chains of 134 (0 -> 1 chain: a trade mission announced with its registration
# and its report in French). Sets 137 to 140: their one measurement (round 47).
# Round 48 (2026-12-06): a title's stages include a project's or a plant's start ("Projektstart", "Spatenstich",
# "breaks ground", "première pierre") and a plant at work ("in Betrieb genommen", "inaugurated", "fließt"), so a
# project's start and its results, or a groundbreaking and the plant's first output, are vetoed as two stories (a
# start and a kick-off meeting stay one stage). The trees refitted on sets 2-140 and the holdout set: the stage is
# no input of the model, so round 47's code refitted on the same sets has the same trees. Out of sample (sets 2-140,
# each fold's trees unchanged) 8,512 -> 8,514 right pairs, 271 -> 265 wrong, 60 -> 58 chains, every change on a pair
# of sets 132 and 139 with a start or a plant at work. In sample over sets 3-140: 8,459 right pairs, 234 wrong, 48
# chains (round 47's code with the same trees: 8,458, 240, 50). The floors that go down, all with the refit:
# precision of sets 27, 85, 87, 92, 111 (0.88 -> 0.82) and 118 (0.98 -> 0.93), recall of 53, 79, 99, 102, 109, 132
# and 136, cross-language recall of 47 and 59, recall and cross-language recall of 18, 32, 42 (0.90 -> 0.82
# cross-language), 63, 71, 97, 108, 133 and 134, precision and chains of 50 (0 -> 1 chain) and 81 (1 -> 2 chains),
# precision, recall and chains of 138 (1 -> 2 chains), every figure of 36 (0 -> 2 chains). Sets 141 to 144: their one
# measurement (round 48).
# Round 49 (2026-12-06): a title's name is named in the other text also without a plural's or a demonym's last
# letter ("SMRs" = "SMR", "Silesian" = "Silesia") and by each part of a hyphenated name ("Robotix-Academy",
# "REPLAST-AURA"), so the actors' veto no longer reads one name in two forms as two actors. The trees refitted on
# sets 2-144 and the holdout set (the actors' veto is no input of the model: round 48's code refitted on the same
# sets has the same trees). Out of sample (sets 2-140, each fold's trees as fitted for round 48) 8,514 -> 8,531
# right pairs, 265 -> 267 wrong, 58 chains either way; sets 141-144 with the trees fitted on sets 2-140: P 0.937 ->
# 0.939, R 0.661 -> 0.679, xR 0.644 -> 0.669, 2 chains either way. In sample over sets 3-144: 8,628 right pairs, 225
# wrong, 51 chains (round 48's code with the same trees: 8,606, 225, 51). In sample the round only adds right pairs
# (22, in eleven sets); the floors that go down are all the refit's: precision of sets 47 and 63, recall of 25, 43,
# 65, 71, 74, 89, 117, 138 and 143, cross-language recall of 67, recall and cross-language recall of 20, 36, 49, 52,
# 54, 59, 68, 77, 81, 85, 98, 99, 111, 114, 124, 125 and 130, precision and recall of 57 and 110, precision, recall
# and cross-language recall of 56, 73 and 140, chains of 3 (0 -> 1 chain), precision and chains of 24 (0 -> 1
# chain), precision, recall and chains of 37 (0 -> 1 chain), every figure of 64 (1 -> 3 chains), 112 (0 -> 2 chains)
# and 136 (0 -> 1 chain). Sets 145 to 148: their one measurement (round 49).
# Round 50 (translated titles by a word list of news headlines) was tried and not kept (docs/design/dedup.md): the
# code and the trees are round 49's. Sets 149 to 152: their one measurement, by round 49's code.
# Round 51 (the EU's acts by their names in each language) was tried and not kept either.
# Round 52 (2026-12-06): a word written with a hyphen is its rare parts ("Seifriz-Preis" and "Seifriz-Jury" share
# "seifriz"; "Moorschutz-Projekt" gives "moorschutz", which the whole word, holding a word of the domain, never gave),
# unless the whole word is a place or a topic's word. The trees refitted on sets 2-152 and the holdout set. Out of
# sample (ten folds over sets 2-152) with each fold's trees as fitted for round 49: 9,128 -> 9,166 right pairs, 260 ->
# 265 wrong, 61 -> 60 chains; each fold refitted: 9,153, 266, 59, and in seven folds 9,125 -> 9,153 right, 280 -> 253
# wrong, 61 -> 52 chains. In sample over sets 3-152: 9,076 right pairs, 241 wrong, 51 chains (round 49's code refitted
# on the same sets: 9,038, 248, 53). 45 sets' floors go down, as many as round 49's code refitted on the same sets
# moves down: the trees now learn from sets 145 to 152 too. Sets 153 to 156: their one measurement (round 52).
# Round 53 (2026-12-06): in two languages, a title's name is named in the other text also by a rare word of its
# cognate stem ("paracetamol" by the French text's "paracétamol"), so the actors' veto no longer reads one name in
# each language's spelling as two actors. The veto is no input of the model: the trees are round 52's. Out of sample
# (ten folds over sets 2-152, each fold's trees as fitted for round 52) 9,153 -> 9,159 right pairs, 266 wrong and 59
# chains either way; in sample over sets 3-156 9,312 -> 9,322 right pairs, 246 wrong and 51 chains either way; the
# floors of sets 37, 84, 102, 109 and 154 go up, none down. Sets 157 to 160: their one measurement (round 53).
# Round 54 (2026-12-06): a number word ("Fourteen", "quatorze") is no title name, and a country's demonym in a title
# ("Latvian") is named by the other text's word, its country in any language ("Lettonie") or a place of that country
# ("Riga"); Germany and France, which nearly every text names, name no actor. The veto is no input of the model: the
# trees are round 52's. Out of sample (ten folds over sets 2-152, each fold's trees as fitted for round 52) 9,159 ->
# 9,164 right pairs, 266 -> 267 wrong, 59 chains either way; in sample over sets 3-160 9,538 -> 9,547 right pairs,
# 259 -> 260 wrong, 53 chains either way; the floors of five sets go up, and precision and cross-language recall of
# set 43 down (a Slovenian pavilion at a fair joins a delegation to Ljubljana through a third report). Sets 161
# to 164: their one measurement (round 54).
# Round 55 (2026-12-06): two texts of one site in one language, one of them a newsletter's teaser of one story
# (`Fingerprint.teaser`), abstain in the linkage instead of voting no: a site's newsletter retells its own story in
# other words. The model's inputs and trees are round 52's. Out of sample (ten folds over sets 2-152, each fold's trees
# as fitted for round 52) 9,164 -> 9,185 right pairs, 267 wrong and 59 chains either way; in sample over sets 3-164
# 9,759 -> 9,784 right pairs, 268 wrong and 57 chains either way; nine sets' floors go up, none down. Sets 165 to
# 168: their one measurement (round 55).
# Round 56 (2026-12-06): a French place or country after an elision ("d'Auvergne-Rhône-Alpes", "l'Occitanie") is a
# place (`names.name_features` read the elision's small letter as the name's and skipped it), so two regions' stands
# at one fair are told apart and one region's stand told in two languages is no longer vetoed. Trees unchanged (round
# 52's). Out of sample (ten folds over sets 2-152, each fold's trees as fitted for round 52) 9,185 -> 9,200 right
# pairs, 267 -> 264 wrong, 59 -> 58 chains; in sample over sets 3-168 10,031 -> 10,047 right pairs, 286 -> 285 wrong,
# 61 chains either way; twelve sets' floors go up, three down (91, 120, 127: a region's own angle on a European
# story, whose title now names the region, and a map of Alpine clusters joined to an Alpine forum's story). Sets 169
# to 172: their one measurement (round 56).
# Round 57 (2026-12-06): a selection told in a headline's present tense ("selects", "picks", "choisit", "sélectionne")
# is a result (`kinds.TITLE_STAGES`), so a call and the selection it made are told apart by their titles. Trees
# unchanged (round 52's). Out of sample (ten folds over sets 2-152, each fold's trees as fitted for round 52) 9,200 ->
# 9,202 right pairs, 264 -> 263 wrong, 58 chains either way; the same trees on sets 153-172 1,118 -> 1,117 right,
# 46 -> 43 wrong, 12 -> 11 chains; in sample over sets 3-172 10,252 -> 10,253 right, 290 -> 286 wrong, 64 -> 63
# chains; four sets' floors go up, one down (171: a call's results titled by the call). Sets 173 to 176: their one
# measurement (round 57); sets 177 to 180 and 181 to 184: their one measurement (round 57's code, no round between).
# Round 60 (2026-12-06): a plant or a project planned or put off ("plans", "geplant", "soll entstehen", "postpones",
# "reporté") is a stage of its own (`kinds.TITLE_STAGES`, read last; no veto against a result), so a plant planned and
# its inauguration told by an undated page are told apart by their titles. Trees unchanged (round 52's). Out of sample
# (ten folds over sets 2-180, each fold's trees fitted afresh on the other sets; sets 181-184 with the same trees)
# 11,027 -> 11,028 right pairs, 388 -> 387 wrong, 78 -> 77 chains; in sample over sets 3-184 10,947 -> 10,948 right,
# 332 -> 331 wrong, 71 -> 70 chains; one set's floors go up (184), none down. Sets 185 to 188: their one measurement
# (round 60); sets 189 to 192: their one measurement (round 60's code, no round between).
# Round 64 (2026-12-07): a newsletter's teaser with no date in its URL or text is dated by the month of the issue its
# title names ("Newsletter Juli 2021: …"; 75 undated items of sets 2-192). Trees unchanged (round 52's). Out of sample
# (ten folds over sets 2-192, each fold's trees fitted afresh on the other sets) 11,418 -> 11,484 right pairs, 405 ->
# 398 wrong, 90 -> 88 chains; with round 52's trees, in sample over sets 3-152 9,130 -> 9,132 right, 240 -> 237 wrong,
# and over sets 153-192 (out of sample for those trees) 2,259 -> 2,261 right, 107 wrong either way, chains unchanged
# (51 and 24); three sets' floors go up (7, 27, 176), none down. Sets 193 to 196: their one measurement (round 64).
# Round 65 (2026-12-07): a month a URL names less plainly ("/2021/2021_03/", "/2018-09-slug", "/eccp-newsletter-may-
# 2024") dates an undated item whose lead names no date (68 undated items of sets 2-196). Trees unchanged (round 52's):
# over sets 3-196 11,607 -> 11,615 right pairs, 354 wrong and 77 chains either way; five sets' floors go up (5, 50, 55,
# 109, 158), none down. Fold trees fitted afresh: ten folds over 2-196 11,708 -> 11,723 right, 400 -> 406 wrong, 87 ->
# 91 chains; seven folds 11,670 -> 11,678 right, 438 -> 427 wrong, 96 -> 91 chains. Sets 197 to 200: their one
# measurement (round 65); sets 201 to 204 and 205 to 208: their one measurement (round 65's code, no round between).
# Round 66 (2026-12-07): an approval told as "clears", "signs off", "green light", "grünes Licht" or "feu vert" is a
# result, a foundation stone laid ("Grundstein") a start (`kinds.TITLE_STAGES`), so a plant's state-aid approval and its
# groundbreaking are told apart by their titles. Trees unchanged (round 52's): over sets 3-204 12,057 -> 12,055 right
# pairs, 360 wrong and 78 chains either way; sets 205-208 250 -> 251 right, 13 -> 9 wrong, 2 -> 1 chain; one set's
# floors go down (7: a founding's "green light" labelled one story with its declaration), one up (208). Ten folds over
# sets 2-208 (fold trees fitted afresh): 12,428 -> 12,426 right, 446 -> 431 wrong, 90 -> 89 chains. Sets 209 to 212:
# their one measurement (round 66).
# Round 67 (2026-12-07): rare words a bilingual dictionary (Debian's FreeDict, `glossary.py`) translates into the
# other text's count with the cognates, from two on. Trees unchanged (round 52's): over sets 3-212 12,497 -> 12,506
# right pairs, 376 wrong and 81 chains either way; floors unchanged (sets 90, 117, 132, 149, 159 gain pairs). Ten folds
# over sets 2-212 (fold trees fitted afresh): 12,624 -> 12,648 right, 429 -> 426 wrong, 90 -> 87 chains. Sets 213 to 216
# and 217 to 220: their one measurement (round 67; round 66's code gives the same pairs). Sets 221 to 224, 225 to 228
# and 229 to 232: their one measurement (round 67's code, commit 7ad7e8c; no change to a decision since round 67).
# Round 68 (2026-12-07): a plant's first output or its opening told in a headline's words ("rollt vom Band", "first
# production run", "Werk eröffnet", "works opens", "inaugure") is the operation stage. Trees unchanged (round 52's):
# over sets 3-232 13,654 -> 13,659 right pairs, 421 -> 419 wrong, 94 -> 92 chains; floors unchanged (sets 212 and 216
# gain).
# Ten folds over sets 2-232 (fold trees fitted afresh): 13,807 -> 13,808 right, 467 -> 466 wrong, 95 -> 94 chains.
# Sets 233 to 236: their one measurement (round 68, commit 7bbaeea); sets 237 to 240: their one measurement (round 68's
# code, commit ab12259; no change to a decision since round 68). Sets 241 to 244: their one measurement (round 68's
# code, commit 5dc8d2a; no change to a decision since round 68). Round 69 (2026-12-07): a law or a rule proposed
# ("Commission proposes", "legt Entwurf für … vor", "Beschränkungsvorschlag") is the proposal stage, read after the
# call. Trees unchanged (round 52's): over sets 3-244 14,325 right pairs either way, 443 -> 440 wrong, 98 -> 97 chains;
# floors unchanged (set 244 gains). Sets 245 to 248: their one measurement (round 69, commit e4cfa9f). Round 70
# (2026-12-07): a new plant planned in the German verb ("plant neues Werk"), built or invested in ("baut neue Fabrik",
# "invests in new … plant") is the plan stage. Trees unchanged (round 52's): over sets 3-248 14,527 right pairs
# either way, 455 -> 452 wrong, 99 -> 98 chains; floors unchanged (set 246 gains). Sets 249 to 252: their one
# measurement (round 70, commit 11e62f4). Round 71 (2026-12-07): across languages, a title's name is named by a rare
# capitalised name of the other text with its first five folded letters and about its length ("Ravenne" / "Ravenna").
# Trees unchanged (round 52's): over sets 3-252 14,769 -> 14,778 right pairs, 452 wrong and 98 chains either way;
# floors unchanged (sets 139, 180, 202, 223, 247 and 251 gain). Sets 253 to 256: their one measurement (round 71,
# commit 7c68c21); sets 257 to 260: their one measurement (round 71's code, commit a8409af; no change to a decision
# since round 71). Round 72 (2026-12-07): a prize or a competition won in a headline's words ("wins", "gewinnt",
# "Die Sieger stehen fest", "zeichnet … aus") is the result stage. Trees unchanged (round 52's): over sets 3-260 15,233
# right pairs either way, 471 -> 468 wrong, 104 -> 103 chains; floors unchanged (set 258 gains). Round 73
# (2026-12-07): a takeover agreed ("to acquire", "verkauft … an", "va racheter") is the plan stage, a takeover completed
# ("schließt Übernahme ab", "finalisé") the report. Trees unchanged (round 52's): over sets 3-260 15,233 right pairs
# either way, 468 -> 462 wrong, 103 -> 101 chains; floors unchanged (sets 256 and 259 gain). Sets 261 to 264: their one
# measurement (round 73's code, commit ec945c1; no change to a decision since round 73). Round 74 (2026-12-07): one
# city or region in two languages' forms that a stem cannot tell ("Courtrai" / "Kortrijk", "Bienne" / "Biel",
# "Sarrebruck" / "Saarbrücken") is one place (config/countries.yaml place_aliases). Trees unchanged (round 52's): over
# sets 3-264 15,476 -> 15,486 right pairs, 467 wrong and 102 chains either way. The floor that goes down: set 161's
# recall and cross-language recall (0.80 -> 0.79, 0.79 -> 0.76): "Port of Antwerp-Bruges" and "port d'Anvers-Bruges"
# shared the rare word "bruges", which is now a place's name and no rare word, and the hyphenated name gives no place.
# Round 75 (2026-12-07): at a fair, a title naming a matchmaking ("Kooperationsbörse", "B2B matchmaking", "rendez-vous
# d'affaires") and one naming no meeting in any words disagree. Trees unchanged (round 52's): over sets 3-264 15,486 ->
# 15,481 right pairs, 467 -> 450 wrong, 102 -> 99 chains (sets 73, 228 and 258 lose a chain). The floors that go down,
# where earlier writers gave a matchmaking and a region's stand or the fair's report one story: sets 84, 91, 130, 134
# (recall 0.91 -> 0.90, 0.85 -> 0.82, 0.81 -> 0.78, 0.84 -> 0.83) and 213 (0.75 -> 0.72: one matchmaking's three
# reports no longer meet through a newsletter of the fair). Sets 265 to 268: their one measurement (round 75, commit
# f99e0c7). Round 76 (2026-12-07): a result and an event no longer disagree by their stages ("… adopts statutes at
# first General Assembly" / "… holds its first General Assembly"), unless the event is an info day, a webinar, a
# workshop, a matchmaking or a kick-off (kinds.briefing). Trees unchanged (round 52's): over sets 3-268 15,670 -> 15,684
# right pairs, 451 wrong and 99 chains either way; floors unchanged (sets 6, 7, 74, 97, 124, 127, 242, 246 gain). Sets
# 269 to 272: their one measurement (round 76, commit 99df3ce). Sets 273 to 276: their one measurement (round 76's
# code, commit c4d9c36; no change to a decision since round 76). Round 77 (2026-12-07): a dictionary word that
# opens an English or French headline or its clause after a colon ("Drought hits …", "Lavande : …") is no actor,
# unless the text writes it with its capital too. Trees unchanged (round 52's): over sets 3-276 16,104 -> 16,118
# right pairs, 457 -> 455 wrong, 100 -> 99 chains; floors unchanged (sets 49, 95, 143, 209, 246, 263, 267 gain).
# Sets 277 to 280: their one measurement (round 77, commit 4e33337). Round 78 (2026-12-07): a building finished in
# a German headline's words ("ist fertig", "fertiggestellt") is the operation stage. Trees unchanged (round 52's): no
# pair of sets 3-276 changes; floors unchanged (set 279 loses its chain).
# Sets 281 to 284: their one measurement (round 78's code, commit c31b68f; no change to a decision since round 78);
# sets 285, 287 and 288 (286 does not exist): theirs (round 78's code, commit 887f842).
# Round 79 (2026-12-07): a building reopened ("ist wieder da", "reopens", "réouverture") is the operation stage. Trees
# unchanged (round 52's): over sets 3-288 only set 285 changes (+1 right pair, -2 wrong, no chain); floors unchanged.
# Sets 289 to 292: their one measurement (round 79's code, commit 916307d). Round 80 (2026-12-07): across languages two
# titles that write one word with a capital alike ("Le Havre …" / "Le Havre : …") are enough for the model to judge
# the pair. Trees unchanged (round 52's): over sets 3-292 16,903 -> 16,942 right pairs, 458 wrong and 101 chains
# unchanged; floors unchanged (25 sets gain). Sets 293 to 296: their one measurement (round 80, commit a5392ba).
# Round 81 (2026-12-07): a title naming a call's beneficiaries reports its results. Trees unchanged (round 52's): over
# sets 3-296 only set 296 changes (+1 right pair); floors unchanged. Round 82 (2026-12-07): an undated text that tells
# its event ahead is dated by the deadline it names, not its lead's first day (the event's). Trees unchanged (round
# 52's): over sets 3-296 17,122 -> 17,129 right pairs, 458 -> 454 wrong, 101 -> 99 chains; floors unchanged.
# Sets 297 to 300: their one measurement (round 82's first form, the earliest day named, commit 63d7b90; the final form
# gives them the same figures). Sets 301 to 304: their one measurement (round 82's final form, commit 33313a9; round
# 81's code, commit 7b1372e, gives them the same figures). Round 83 (2026-12-08): a one-word city or region the item
# also writes in small letters after an article ("of cork") is that common word. Trees unchanged (round 52's): over
# sets 3-304 only set 303 changes (+1 right pair); floors unchanged. Sets 305 to 308: their one measurement (round 83,
# commit 3cdab8d). Sets 309 to 312: theirs (round 83's code, commit 217c9d4, no tuning after 305 to 308).
DEDUP_FLOORS = {3: (0.99, 0.88, 0.9, 1), 4: (0.95, 0.95, 0.94, 1),
                5: (0.95, 0.77, 0.82, 1), 6: (0.98, 0.83, 0.88, 0),
                7: (0.99, 0.85, 0.91, 0), 8: (0.99, 0.92, 0.94, 0),
                9: (0.99, 0.93, 0.94, 0), 10: (0.99, 0.86, 0.91, 0),
                11: (0.99, 0.93, 0.97, 0), 12: (0.99, 0.93, 0.92, 0),
                13: (0.99, 0.94, 0.98, 0), 14: (0.96, 0.86, 0.83, 1),
                15: (0.99, 0.86, 0.95, 0), 16: (0.99, 0.93, 0.91, 0),
                17: (0.99, 0.85, 0.87, 0), 18: (0.93, 0.83, 0.93, 1),
                19: (0.96, 0.98, 0.97, 0), 20: (0.96, 0.82, 0.84, 1),
                21: (0.99, 0.81, 0.91, 0), 22: (0.99, 0.92, 0.9, 0),
                23: (0.99, 0.87, 0.89, 0), 24: (0.97, 0.81, 0.84, 0),
                25: (0.99, 0.95, 0.95, 0), 26: (0.96, 0.86, 1.0, 0),
                27: (0.91, 0.86, 0.8, 1), 28: (0.99, 0.86, 0.87, 0),
                29: (0.99, 0.89, 0.87, 0), 30: (0.96, 0.65, 0.66, 0),
                31: (0.96, 0.96, 1.0, 1), 32: (0.99, 0.94, 0.95, 0),
                33: (0.99, 0.84, 0.9, 0), 34: (0.97, 0.79, 0.86, 1),
                35: (0.99, 0.95, 0.97, 0), 36: (0.98, 0.85, 0.81, 1),
                37: (0.99, 0.93, 0.94, 0), 38: (0.99, 0.8, 0.82, 0),
                39: (0.95, 0.85, 0.87, 1), 40: (0.99, 0.94, 0.96, 0),
                41: (0.99, 0.86, 0.91, 0), 42: (0.98, 0.81, 0.82, 0),
                43: (0.95, 0.85, 0.83, 0), 44: (0.99, 0.82, 0.88, 0),
                45: (0.99, 0.9, 0.87, 0), 46: (0.99, 0.77, 0.78, 0),
                47: (0.98, 0.89, 0.9, 0), 48: (0.98, 0.85, 0.91, 0),
                49: (0.98, 0.91, 0.93, 1), 50: (0.99, 0.82, 0.87, 0),
                51: (0.99, 0.83, 0.86, 0), 52: (0.95, 0.78, 0.8, 1),
                53: (0.99, 0.91, 1.0, 0), 54: (0.98, 0.77, 0.82, 1),
                55: (0.96, 0.81, 0.86, 1), 56: (0.89, 0.83, 0.83, 1),
                57: (0.97, 0.87, 0.87, 1), 58: (0.99, 0.78, 0.7, 0),
                59: (0.99, 0.82, 0.87, 0), 60: (0.99, 0.96, 1.0, 0),
                61: (0.97, 0.92, 0.93, 0), 62: (0.99, 0.97, 0.98, 0),
                63: (0.98, 0.88, 0.92, 0), 64: (0.77, 0.82, 0.89, 4),
                65: (0.99, 0.89, 0.85, 0), 66: (0.99, 0.98, 1.0, 0),
                67: (0.89, 0.9, 0.91, 1), 68: (0.99, 0.82, 0.81, 0),
                69: (0.92, 0.94, 0.94, 1), 70: (0.96, 0.82, 0.81, 1),
                71: (0.99, 0.76, 0.86, 0), 72: (0.99, 0.95, 1.0, 0),
                73: (0.82, 0.82, 0.84, 2), 74: (0.99, 0.79, 0.8, 0),
                75: (0.96, 0.86, 0.94, 0), 76: (0.99, 0.96, 1.0, 0),
                77: (0.96, 0.85, 0.85, 0), 78: (0.99, 0.81, 0.82, 0),
                79: (0.96, 0.72, 0.79, 1), 80: (0.94, 0.85, 0.92, 0),
                81: (0.8, 0.9, 0.91, 2), 82: (0.96, 0.71, 0.82, 0),
                83: (0.99, 0.96, 1.0, 0), 84: (0.99, 0.90, 0.93, 0),
                85: (0.99, 0.77, 0.82, 0), 86: (0.99, 0.82, 0.89, 0),
                87: (0.97, 0.91, 0.95, 0), 88: (0.99, 0.85, 0.84, 0),
                89: (0.99, 0.59, 0.7, 0), 90: (0.99, 0.86, 0.85, 0),
                91: (0.99, 0.82, 0.85, 0), 92: (0.78, 0.89, 0.88, 0),
                93: (0.95, 0.66, 0.79, 1), 94: (0.99, 0.9, 0.92, 0),
                95: (0.89, 0.94, 0.97, 1), 96: (0.91, 0.7, 0.72, 2),
                97: (0.99, 0.86, 0.89, 0), 98: (0.99, 0.89, 0.88, 0),
                99: (0.99, 0.86, 0.86, 0), 100: (0.99, 0.82, 0.9, 0),
                101: (0.99, 0.86, 0.92, 0), 102: (0.99, 0.89, 0.93, 0),
                103: (0.91, 0.86, 0.93, 1), 104: (0.99, 0.91, 0.89, 0),
                105: (0.97, 0.87, 0.93, 1), 106: (0.98, 0.89, 0.95, 0),
                107: (0.99, 0.75, 0.82, 0), 108: (0.97, 0.77, 0.79, 1),
                109: (0.99, 0.78, 0.8, 0), 110: (0.93, 0.78, 0.85, 1),
                111: (0.88, 0.93, 0.9, 2), 112: (0.88, 0.77, 0.81, 1),
                113: (0.99, 0.89, 0.96, 0), 114: (0.98, 0.9, 0.92, 1),
                115: (0.99, 0.72, 0.76, 0), 116: (0.98, 0.77, 0.72, 1),
                117: (0.99, 0.8, 0.9, 0), 118: (0.93, 0.79, 0.83, 0),
                119: (0.99, 0.94, 0.97, 0), 120: (0.99, 0.76, 0.83, 0),
                121: (0.99, 0.89, 0.87, 0), 122: (0.99, 0.89, 0.89, 0),
                123: (0.99, 0.84, 0.9, 0), 124: (0.99, 0.63, 0.74, 0),
                125: (0.86, 0.72, 0.78, 1), 126: (0.99, 0.81, 0.78, 0),
                127: (0.91, 0.78, 0.82, 1), 128: (0.99, 0.94, 0.94, 0),
                129: (0.99, 0.86, 0.86, 0), 130: (0.99, 0.78, 0.73, 0),
                131: (0.98, 0.98, 1.0, 0), 132: (0.95, 0.84, 0.88, 1),
                133: (0.99, 0.67, 0.7, 0), 134: (0.95, 0.83, 0.84, 0),
                135: (0.99, 0.85, 0.93, 0), 136: (0.98, 0.81, 0.8, 1),
                137: (0.99, 0.89, 0.89, 0), 138: (0.94, 0.87, 0.88, 1),
                139: (0.96, 0.83, 0.82, 1), 140: (0.96, 0.77, 0.72, 1),
                141: (0.99, 0.83, 0.86, 0), 142: (0.87, 0.69, 0.64, 1),
                143: (0.91, 0.66, 0.63, 0), 144: (0.99, 0.6, 0.62, 0),
                145: (0.99, 0.81, 0.76, 0), 146: (0.95, 0.9, 0.91, 1),
                147: (0.99, 0.76, 0.75, 0), 148: (0.99, 0.85, 0.81, 0),
                149: (0.99, 0.84, 0.83, 0), 150: (0.99, 0.66, 0.8, 0),
                151: (0.99, 0.67, 0.68, 0), 152: (0.99, 0.85, 0.93, 0),
                153: (0.99, 0.76, 0.76, 0), 154: (0.99, 0.81, 0.82, 0),
                155: (0.99, 0.82, 0.81, 0), 156: (0.92, 0.83, 0.76, 0),
                157: (0.92, 0.73, 0.8, 1), 158: (0.96, 0.77, 0.82, 0),
                159: (0.99, 0.76, 0.73, 0), 160: (0.9, 0.81, 0.88, 1),
                161: (0.99, 0.79, 0.76, 0), 162: (0.93, 0.66, 0.65, 2),
                163: (0.99, 0.94, 0.91, 0), 164: (0.92, 0.86, 0.87, 2),
                165: (0.95, 0.93, 0.96, 0), 166: (0.91, 0.82, 0.84, 2),
                167: (0.91, 0.64, 0.64, 1), 168: (0.94, 0.82, 0.84, 1),
                169: (0.98, 0.8, 0.92, 1), 170: (0.99, 0.67, 0.75, 0),
                171: (0.97, 0.88, 0.9, 1), 172: (0.99, 0.76, 0.85, 0),
                173: (0.95, 0.84, 0.82, 1), 174: (0.99, 0.85, 0.83, 0),
                175: (0.99, 0.8, 0.8, 0), 176: (0.89, 0.89, 0.91, 0),
                177: (0.99, 0.86, 0.91, 0), 178: (0.84, 0.78, 0.81, 1),
                179: (0.97, 0.82, 0.88, 0), 180: (0.99, 0.79, 0.73, 0),
                181: (0.99, 0.92, 0.94, 0), 182: (0.99, 0.78, 0.77, 0),
                183: (0.92, 0.79, 0.9, 1), 184: (0.69, 0.85, 0.76, 4),
                185: (0.92, 0.8, 0.87, 1), 186: (0.99, 0.78, 0.81, 0),
                187: (0.96, 0.63, 0.67, 1), 188: (0.99, 0.84, 0.91, 0),
                189: (0.98, 0.82, 0.85, 0), 190: (0.99, 0.77, 0.83, 0),
                191: (0.99, 0.76, 0.86, 0), 192: (0.88, 0.82, 0.88, 3),
                193: (0.87, 0.84, 0.85, 2), 194: (0.99, 0.91, 0.9, 0),
                195: (0.99, 0.76, 0.93, 0), 196: (0.99, 0.97, 1.0, 0),
                197: (0.99, 0.86, 0.86, 0), 198: (0.98, 0.73, 0.78, 0),
                199: (0.99, 0.73, 0.83, 0), 200: (0.99, 0.88, 0.9, 0),
                201: (0.96, 0.86, 0.89, 1), 202: (0.94, 0.7, 0.7, 0),
                203: (0.99, 0.74, 0.74, 0), 204: (0.99, 0.66, 0.75, 0),
                205: (0.89, 0.87, 0.9, 1), 206: (0.99, 0.86, 0.9, 0),
                207: (0.99, 0.83, 0.82, 0), 208: (0.97, 0.86, 0.8, 0),
                209: (0.95, 0.73, 0.77, 0), 210: (0.99, 0.66, 0.65, 0),
                211: (0.99, 0.79, 0.87, 0), 212: (0.91, 0.8, 0.85, 2),
                213: (0.93, 0.72, 0.80, 1), 214: (0.95, 0.89, 0.95, 0),
                215: (0.97, 0.8, 0.86, 0), 216: (0.95, 0.74, 0.8, 2),
                217: (0.99, 0.77, 0.76, 0), 218: (0.99, 0.77, 0.84, 0),
                219: (0.95, 0.78, 0.84, 1), 220: (0.94, 0.65, 0.52, 1),
                221: (0.93, 0.93, 0.91, 1), 222: (0.93, 0.95, 0.95, 0),
                223: (0.94, 0.69, 0.67, 0), 224: (0.99, 0.89, 0.89, 0),
                225: (0.92, 0.84, 0.87, 3), 226: (0.99, 0.84, 0.88, 0),
                227: (0.99, 0.82, 0.88, 0), 228: (0.87, 0.82, 0.9, 2),
                229: (0.96, 0.78, 0.86, 1), 230: (0.99, 0.86, 0.93, 0),
                231: (0.99, 0.96, 0.93, 0), 232: (0.98, 0.78, 0.84, 1),
                233: (0.94, 0.76, 0.81, 0), 234: (0.99, 0.83, 0.87, 0),
                235: (0.99, 0.82, 0.87, 0), 236: (0.95, 0.86, 0.86, 0),
                237: (0.97, 0.84, 0.87, 1), 238: (0.96, 0.65, 0.74, 1),
                239: (0.93, 0.78, 0.88, 1), 240: (0.99, 0.93, 0.91, 0),
                241: (0.94, 0.82, 0.81, 1), 242: (0.96, 0.86, 0.85, 1),
                243: (0.94, 0.76, 0.76, 0), 244: (0.94, 0.62, 0.61, 1),
                245: (0.95, 0.82, 0.86, 0), 246: (0.81, 0.81, 0.78, 1),
                247: (0.95, 0.74, 0.78, 1), 248: (0.99, 0.81, 0.88, 0),
                249: (0.99, 0.81, 0.86, 0), 250: (0.99, 0.96, 1.0, 0),
                251: (0.99, 0.77, 0.73, 0), 252: (0.99, 0.87, 0.88, 0),
                253: (0.98, 0.85, 0.84, 0), 254: (0.99, 0.96, 0.97, 0),
                255: (0.95, 0.91, 0.89, 1), 256: (0.94, 0.87, 0.81, 1),
                257: (0.99, 0.84, 0.94, 0), 258: (0.90, 0.88, 0.90, 2),
                259: (0.90, 0.88, 0.89, 2), 260: (0.99, 0.87, 0.88, 0),
                261: (0.97, 0.86, 0.86, 1), 262: (0.99, 0.71, 0.70, 0),
                263: (0.94, 0.88, 0.86, 0), 264: (0.99, 0.95, 0.94, 0),
                265: (0.97, 0.75, 0.69, 0), 266: (0.99, 0.91, 0.92, 0),
                267: (0.99, 0.86, 0.92, 0), 268: (0.99, 0.83, 0.86, 0),
                269: (0.99, 0.95, 0.92, 0), 270: (0.97, 0.85, 0.90, 1),
                271: (0.99, 0.85, 0.85, 0), 272: (0.99, 0.84, 0.85, 0),
                273: (0.99, 0.76, 0.81, 0), 274: (0.97, 0.75, 0.88, 0),
                275: (0.99, 0.82, 0.83, 0), 276: (0.94, 0.71, 0.72, 0),
                277: (0.99, 0.95, 0.97, 0), 278: (0.95, 0.85, 0.86, 1),
                279: (0.96, 0.88, 0.87, 1), 280: (0.99, 0.97, 0.94, 0),
                281: (0.99, 0.90, 0.97, 0), 282: (0.99, 0.79, 0.76, 0),
                283: (0.99, 0.77, 0.88, 0), 284: (0.99, 0.90, 0.94, 0),
                285: (0.96, 0.86, 0.93, 1), 287: (0.99, 0.66, 0.69, 0),
                288: (0.99, 0.83, 0.76, 0), 289: (0.99, 0.82, 0.88, 0),
                290: (0.97, 0.71, 0.88, 1), 291: (0.99, 0.72, 0.80, 0),
                292: (0.99, 0.95, 1.00, 0), 293: (0.99, 0.85, 0.89, 0),
                294: (0.99, 0.83, 0.82, 0), 295: (0.99, 0.88, 0.86, 0),
                296: (0.99, 0.77, 0.75, 0), 297: (0.99, 0.81, 0.90, 0),
                298: (0.97, 0.88, 0.96, 0), 299: (0.97, 0.79, 0.78, 0),
                300: (0.99, 0.69, 0.65, 0), 301: (0.97, 0.75, 0.83, 0),
                302: (0.99, 0.74, 0.78, 0), 303: (0.99, 0.73, 0.70, 0),
                304: (0.99, 0.82, 0.85, 0), 305: (0.99, 0.92, 0.91, 0),
                306: (0.99, 0.75, 0.68, 0), 307: (0.89, 0.76, 0.85, 1),
                308: (0.94, 0.87, 0.81, 0), 309: (0.91, 0.84, 0.88, 2),
                310: (0.99, 0.68, 0.78, 0), 311: (0.99, 0.88, 0.92, 0),
                312: (0.99, 0.83, 0.93, 0)}
# The blind dedup sets measured last, pooled: precision, no chain, not recall nor cross-language recall, on sets 149
# to 152 (P 1.000, R 0.763, xR 0.789, no chain; set 150, biodiversity and urban greening: recall 0.661; set 151,
# craft trades: recall 0.676, xR 0.659), measured by round 49's code (commit e8eb90e; round 50 was not kept) on
# 2026-12-06 14:55 UTC (270 gold pairs, 133 in two languages); before them none of the targets, on sets 145 to 148
# (P 0.959, R 0.809, xR 0.806, 3 chains: a GovTech campus opened and its first year, set 145; an experimental
# threshold for innovative purchases and its becoming permanent, set 145; a regulatory sandbox's second window and a
# guide to it, set 146), measured by round 49's code (commit e9d11d4) on 2026-12-06 12:19 UTC (262 gold pairs; round
# 48's code gives them P 0.974, R 0.844, xR 0.827, 2 chains, and so does round 49's code with round 48's trees: the
# difference is the refit on sets 141 to 144); before them none of the targets, on sets 141 to 144 (P 0.937, R
# 0.661, xR 0.644, 2 chains: two webinars of one series, set 142; a test zone's selected projects and a first flight
# there, set 143; recall 0.543 in set 144, retail and e-commerce; of 92 missed pairs 57 in two languages, 31 of them
# translations the model scores below 0.5 and 13 refused for sharing too little), measured by round 48's code
# (commit d58ff76) on 2026-12-06 12:01 UTC (271 gold pairs; round 47's code gives them P 0.936, R 0.646, xR 0.625, 2
# chains); before them cross-language recall, not precision, recall nor chains, on sets 137 to 140 (P 0.956, R
# 0.814, xR 0.821, 4 chains, each two stages of one process: a cluster's stand and a matchmaking at one fair, set
# 138; a CO2 pipeline's planning procedure opened and its approval, and an e-methanol plant's groundbreaking and its
# first output, set 139; a packaging charter's signing and its first report, set 140, recall 0.716), measured by
# round 47's code (commit ed6cf7d) on 2026-12-06 10:31 UTC (296 gold pairs; round 46's code gives them P 0.957, R
# 0.824, xR 0.827, 4 chains); before them precision, cross-language recall and chains, not recall, on sets 133 to
# 136 (P 0.987, R 0.777, xR 0.823, no chain; three wrong pairs: a trade fair's B2B meetings announced and reported,
# and two rounds of one matchmaking series, set 134; set 133, wind, solar and heat: recall 0.718), measured by round
# 46's code (commit 1c77fcc) on 2026-12-06 09:57 UTC (291 gold pairs; round 45's code gives them P 0.987, R 0.777,
# xR 0.817, one chain); before them precision, cross-language recall and chains, not recall, on sets 129 to 132 (P
# 1.000, R 0.834, xR 0.831, no chain; set 130, environmental and climate technologies: recall 0.743), measured by
# round 45's code (commit bfe8670) on 2026-12-06 08:55 UTC (302 gold pairs; round 44's code gives them P 0.984, R
# 0.834, xR 0.843, one chain); before them cross-language recall, not precision, recall nor chains, on sets 125 to
# 128 (P 0.952, R 0.802, xR 0.807, 2 chains: the first calls of two Interreg programmes of 2021-2027, Alpine Space
# and the Baltic Sea Region, in English, German and French, set 127, P 0.854; a sensor prize awarded at a trade fair
# and the fair's report, set 125, P 0.915), measured by round 44's code (commit f2daece) on 2026-12-06 07:05 UTC
# (298 gold pairs; round 43's code gives them P 0.945, R 0.809, xR 0.813, 3 chains); before them precision and
# cross-language recall, not recall nor chains, on sets 121 to 124 (P 0.989, R 0.784, xR 0.822, one chain: the first
# and second sessions of one workshop series on Industrie 4.0 with a newsletter's teaser of the second; set 124, the
# social economy and proximity clusters: recall 0.650), measured by round 43's code (commit 8bb93a6) on 2026-12-06
# 04:24 UTC (232 gold pairs; round 42's code gives them P 0.989, R 0.780, xR 0.822, one chain); before them
# precision, cross-language recall and chains, not recall, on sets 117 to 120 (P 0.995, R 0.797, xR 0.871, no chain;
# one wrong pair: the last coal mine of a region closing and the region's transformation plan; set 118, coal and
# steel regions: recall 0.710), measured by round 42's code (commit 37f2062) on 2026-12-06 01:21 UTC (251 gold
# pairs; round 41's code gives them P 0.974, R 0.753, xR 0.810, 3 chains); before them precision, not recall,
# cross-language recall nor chains, on sets 113 to 116 (P 0.990, R 0.787, xR 0.792, 2 chains: a trade mission's call
# for applicants and its report; a newsletter's teaser of the EU Pact for Skills and an industry's skills
# partnership under it; set 115, health, medtech and food: recall 0.692), measured by round 41's code (commit
# 2077881) on 2026-12-05 22:43 UTC (263 gold pairs; round 40's code gives them P 0.995, R 0.779, xR 0.786, 1 chain);
# before them none of issue 12's targets on sets 109 to 112 (P 0.898, R 0.711, xR 0.730, 5 chains: a call and its
# outcome, an event's announcement and its report; set 110, regional innovation policy: recall 0.618; set 111,
# start-ups and SME internationalisation: P 0.808), measured by round 40's code (commit 565db94) on 2026-12-05 20:11
# UTC (235 gold pairs; round 39's code gives them P 0.888, R 0.711, xR 0.730, 6 chains); before them on sets 105 to
# 108 precision and cross-language recall, not recall nor chains (P 0.986, R 0.813, xR 0.836, one chain: the first
# and second EU-Japan missions on advanced materials; set 107, cluster management: recall 0.750), measured by round
# 39's code (commit ce223dc) on 2026-12-05 17:07 UTC (257 gold pairs); before them on sets 101 to 104, not recall
# nor chains (P 0.990, R 0.794, xR 0.857, one chain: two clusters' Gold Labels; set 101, food, agriculture and the
# bioeconomy: recall 0.712), measured by round 38's code (commit 5418510) on 2026-12-05 14:47 UTC (238 gold pairs);
# before them on sets 97 to 100, not recall nor chains (P 0.996, R 0.768, xR 0.818, one chain; set 100, Austria,
# Switzerland and cross-border regions: recall 0.726), measured by round 37's decisions (commit 776817d, no change
# to a decision since ba867fd) on 2026-12-05 14:04 UTC (297 gold pairs); before them not on sets 93 to 96 (P 0.880,
# R 0.713, xR 0.748, 7 chains; set 93, named German cluster organisations retold: recall 0.565; set 95, calls and
# their outcomes: P 0.831; every set at least one chain), measured by round 37's code (commit ba867fd) on 2026-12-05
# 11:30 UTC (268 gold pairs); before them not on sets 89 to 92 (P 0.931, R 0.768, xR 0.843, one chain; set 92,
# pavilions at trade fairs: P 0.750, one chain; set 89, cluster funding renewed or ended: recall 0.571; sets 90 and
# 91 together P 1.000, R 0.843, no chain), measured by round 36's decisions (commit 63afc3b) on 2026-12-05 08:25 UTC
# (280 gold pairs); before them on sets 85 to 88 all but recall (P 1.000, R 0.829, xR 0.875, no chain; set 85, trade
# fairs: P 1.000, no chain), measured by round 36's code (commit 49ba283) on 2026-12-05 05:59 UTC (293 gold pairs);
# before them not on sets 81 to 84 (P 0.929, R 0.807, xR 0.870, 2 chains; set 81, trade fairs: P 0.797, 2 chains;
# sets 82 to 84 together P 0.981, no chain, recall 0.794), measured by round 34's code like sets 77 to 80; before
# them not on sets 77 to 80 (P 0.957, R 0.783, xR 0.844, one chain; set 77, trade fairs: P 0.902; sets 78 to 80
# together P 0.980, no chain, recall 0.782), nor on sets 73 to 76 (set 73, trade fairs: P 0.73, 3 chains; sets 74 to
# 76 together P 0.968, R 0.830, xR 0.884, no chain), nor on sets 67 to 72 (set 67, trade fairs: P 0.55, 7 chains;
# sets 68 to 72 together meet precision and cross-language recall, recall 0.805, one chain), nor on sets 63 to 66
# (set 64, trade fairs: P 0.45, 9 chains; sets 65 and 66 together meet precision, recall and cross-language recall
# with one chain); earlier, precision, recall and cross-language recall were met on sets 59 to 62 together and every
# target on sets 61 and 62 (and: sets 47 and 48 met precision, recall and cross- language recall with one chain,
# sets 49 and 50 none, sets 51 and 52 none, sets 53 and 54 precision, sets 55 and 56 none, sets 57 and 58 none;
# docs/design/dedup.md); the figures measured, as floors. Round 15 measured sets 25-28 (P 0.954, R 0.823, xR 0.846,
# 2 chains); round 17 sets 29 and 30 (P 0.895, R 0.707, xR 0.705, 4 chains); round 18 sets 31 and 32 (P 0.925, R
# 0.803, xR 0.824, 4 chains); round 19 sets 33-36 (P 0.975, R 0.736, xR 0.784, 3 chains); round 20 (commit d37842d)
# sets 37 and 38, 2026-12-04 14:07 UTC: P 0.970, R 0.758, xR 0.862, 1 chain (128 gold pairs); round 21 (commit
# b374e31) sets 39 and 40, 2026-12-04 15:21 UTC: P 0.914, R 0.859, xR 0.895, 2 chains (149 gold pairs); round 22
# (commit 719dfab) sets 41 and 42, 2026-12-04 15:42 UTC: P 0.969, R 0.848, xR 0.880, 1 chain (145 gold pairs); round
# 23 (commit 7b9db25) sets 43 and 44, 2026-12-04 18:06 UTC: P 0.983, R 0.807, xR 0.805, no chain (145 gold pairs);
# round 24 (commit 6f62ef4) sets 45 and 46, 2026-12-04 18:36 UTC: P 0.945, R 0.771, xR 0.778, 5 chains (157 gold
# pairs); round 25 (commit 0b449af) sets 47 and 48, 2026-12-04 20:09 UTC: P 0.975, R 0.859, xR 0.895, 1 chain (135
# gold pairs); the same code (no change between) sets 49 and 50, 2026-12-04 20:13 UTC: P 0.954, R 0.754, xR 0.793, 2
# chains (138 gold pairs); round 26 (commit da8356f) sets 51 and 52, 2026-12-04 20:40 UTC: P 0.960, R 0.759, xR
# 0.770, 3 chains (158 gold pairs); round 27 (commit 59f3d53) sets 53 and 54, 2026-12-04 20:52 UTC: P 0.992, R
# 0.808, xR 0.838, 1 chain (146 gold pairs); round 28 (commit e27f28c) sets 55 and 56, 2026-12-04 23:33 UTC: P
# 0.935, R 0.801, xR 0.847, 1 chain (161 gold pairs); round 29 (commit 04f9402) sets 57 and 58, 2026-12-04 23:57
# UTC: P 0.862, R 0.742, xR 0.708, 2 chains (151 gold pairs); round 30 (commit 20388b7) sets 59 and 60, 2026-12-05
# 00:12 UTC: P 0.985, R 0.874, xR 0.919, 1 chain (151 gold pairs), and by the same code (no change between) sets 61
# and 62, 00:13 UTC: P 0.987, R 0.935, xR 0.941, no chain (168 gold pairs); the four together P 0.986, R 0.906, xR
# 0.932, 1 chain; round 31 (commit ded3445) sets 63 to 66, 2026-12-05 00:25 UTC: P 0.813, R 0.815, xR 0.856, 10
# chains (325 gold pairs); round 32 (commit 0c53cfe) sets 67 to 72, 2026-12-05 01:57 UTC: P 0.874, R 0.803, xR
# 0.820, 8 chains (451 gold pairs); round 33 (commit 8ee1144) sets 73 to 76, 2026-12-05 02:23 UTC: P 0.903, R 0.826,
# xR 0.881, 3 chains (281 gold pairs); round 34 (commit 8a6b733) sets 77 to 80, 2026-12-05 02:58 UTC: P 0.957, R
# 0.783, xR 0.844, 1 chain (258 gold pairs); the same code (no change between, commit 9de4061) sets 81 to 84,
# 2026-12-05 03:19 UTC: P 0.929, R 0.807, xR 0.870, 2 chains (259 gold pairs); round 36 (commit 49ba283) sets 85 to
# 88, 2026-12-05 05:59 UTC: P 1.000, R 0.829, xR 0.875, no chain (293 gold pairs); the same decisions (no change to
# a decision between; commit 63afc3b, whose changes since 49ba283 are for speed, with byte-identical evaluations)
# sets 89 to 92, 2026-12-05 08:25 UTC: P 0.931, R 0.768, xR 0.843, 1 chain (280 gold pairs); round 37 (commit
# ba867fd) sets 93 to 96, 2026-12-05 11:30 UTC: P 0.880, R 0.713, xR 0.748, 7 chains (268 gold pairs); the same
# decisions (commit 776817d) sets 97 to 100, 2026-12-05 14:04 UTC: P 0.996, R 0.768, xR 0.818, 1 chain (297 gold
# pairs); round 38 (commit 5418510) sets 101 to 104, 2026-12-05 14:47 UTC: P 0.990, R 0.794, xR 0.857, 1 chain (238
# gold pairs); round 39 (commit ce223dc) sets 105 to 108, 2026-12-05 17:07 UTC: P 0.986, R 0.813, xR 0.836, 1 chain
# (257 gold pairs); round 40 (commit 565db94) sets 109 to 112, 2026-12-05 20:11 UTC: P 0.898, R 0.711, xR 0.730, 5
# chains (235 gold pairs); round 41 (commit 2077881) sets 113 to 116, 2026-12-05 22:43 UTC: P 0.990, R 0.787, xR
# 0.792, 2 chains (263 gold pairs); round 42 (commit 37f2062) sets 117 to 120, 2026-12-06 01:21 UTC: P 0.995, R
# 0.797, xR 0.871, no chain (251 gold pairs); round 43 (commit 8bb93a6) sets 121 to 124, 2026-12-06 04:24 UTC: P
# 0.989, R 0.784, xR 0.822, 1 chain (232 gold pairs); round 44 (commit f2daece) sets 125 to 128, 2026-12-06 07:05
# UTC: P 0.952, R 0.802, xR 0.807, 2 chains (298 gold pairs); round 45 (commit bfe8670) sets 129 to 132, 2026-12-06
# 08:55 UTC: P 1.000, R 0.834, xR 0.831, no chain (302 gold pairs); round 46 (commit 1c77fcc) sets 133 to 136,
# 2026-12-06 09:57 UTC: P 0.987, R 0.777, xR 0.823, no chain (291 gold pairs); round 47 (commit ed6cf7d) sets 137 to
# 140, 2026-12-06 10:31 UTC: P 0.956, R 0.814, xR 0.821, 4 chains (296 gold pairs); round 48 (commit d58ff76) sets
# 141 to 144, 2026-12-06 12:01 UTC: P 0.937, R 0.661, xR 0.644, 2 chains (271 gold pairs); round 49 (commit e9d11d4)
# sets 145 to 148, 2026-12-06 12:19 UTC: P 0.959, R 0.809, xR 0.806, 3 chains (262 gold pairs); round 49's code
# (commit e8eb90e) sets 149 to 152, 2026-12-06 14:55 UTC: P 1.000, R 0.763, xR 0.789, no chain (270 gold pairs);
# round 52 (commit 96a8bc2) sets 153 to 156, 2026-12-06 17:24 UTC: P 0.979, R 0.797, xR 0.781, no chain (296 gold
# pairs); round 53 (commit 86e22d0) sets 157 to 160, 2026-12-06 17:34 UTC: P 0.943, R 0.758, xR 0.798, 2 chains (285
# gold pairs); round 54 (commit 48d4dd4) sets 161 to 164, 2026-12-06 17:50 UTC: P 0.964, R 0.803, xR 0.788, 4 chains
# (264 gold pairs); round 55 (commit 26ec557) sets 165 to 168, 2026-12-06 18:21 UTC: P 0.932, R 0.810, xR 0.829, 4
# chains (305 gold pairs); round 56 (commit b7608ad) sets 169 to 172, 2026-12-06 19:43 UTC: P 0.976, R 0.780, xR
# 0.855, 3 chains (263 gold pairs); round 57 (commit 4d4eaa5) sets 173 to 176, 2026-12-06 19:55 UTC: P 0.960, R
# 0.845, xR 0.837, 1 chain (284 gold pairs); round 57's code (commit 5217374) sets 177 to 180, 2026-12-06 20:08 UTC:
# P 0.955, R 0.822, xR 0.849, 1 chain (281 gold pairs); round 57's code (commit cf4321e) sets 181 to 184, 2026-12-06
# 22:09 UTC: P 0.899, R 0.838, xR 0.854, 6 chains (266 gold pairs); round 60 (commit 2b44ec1) sets 185 to 188,
# 2026-12-06 22:44 UTC: P 0.969, R 0.768, xR 0.810, 2 chains (323 gold pairs); round 60's code (commit 1de42e2) sets
# 189 to 192, 2026-12-07 00:15 UTC: P 0.960, R 0.804, xR 0.859, 3 chains (240 gold pairs); round 64 (commit fece833)
# sets 193 to 196, 2026-12-07 00:58 UTC: P 0.955, R 0.873, xR 0.902, 2 chains (245 gold pairs); round 65 (commit
# d39f6b9) sets 197 to 200, 2026-12-07 01:36 UTC: P 0.996, R 0.799, xR 0.847, no chain (294 gold pairs); round 65's
# code (commit adff1eb) sets 201 to 204, 2026-12-07 02:36 UTC: P 0.976, R 0.745, xR 0.770, 1 chain (278 gold pairs);
# round 65's code (commit 6aab54d) sets 205 to 208, 2026-12-07 03:22 UTC: P 0.951, R 0.856, xR 0.859, 2 chains (292
# gold pairs); round 66 (commit d85e74c) sets 209 to 212, 2026-12-07 03:57 UTC: P 0.965, R 0.746, xR 0.776, 2 chains
# (256 gold pairs); round 67 (commit 354d140) sets 213 to 216, 2026-12-07 06:30 UTC: P 0.954, R 0.795, xR 0.860, 3
# chains (288 gold pairs); round 67 (commit 354d140) sets 217 to 220, 2026-12-07 06:30 UTC: P 0.975, R 0.744, xR 0.725,
# 2 chains (266 gold pairs); round 67's code (commit 7ad7e8c) sets 221 to 224, 2026-12-07 08:11 UTC: P 0.954, R 0.871,
# xR 0.862, 1 chain (286 gold pairs); the same run, sets 225 to 228: P 0.949, R 0.838, xR 0.886, 5 chains (314 gold
# pairs); sets 229 to 232: P 0.986, R 0.839, xR 0.887, 2 chains (249 gold pairs); round 68 (commit 7bbaeea) sets 233 to
# 236, 2026-12-07 10:35 UTC: P 0.974, R 0.823, xR 0.858, no chain (271 gold pairs); round 68's code (commit ab12259)
# sets 237 to 240, 2026-12-07 10:58 UTC: P 0.970, R 0.801, xR 0.851, 3 chains (281 gold pairs); round 68's code
# (commit 5dc8d2a) sets 241 to 244, 2026-12-07 12:52 UTC: P 0.952, R 0.762, xR 0.756, 3 chains (286 gold pairs); round
# 69 (commit e4cfa9f) sets 245 to 248, 2026-12-07 13:01 UTC: P 0.931, R 0.789, xR 0.818, 2 chains (256 gold pairs);
# round 70 (commit 11e62f4) sets 249 to 252, 2026-12-07 13:07 UTC: P 1.000, R 0.849, xR 0.850, no chain (285 gold
# pairs); round 71 (commit 7c68c21) sets 253 to 256, 2026-12-07 13:32 UTC: P 0.969, R 0.898, xR 0.878, 2 chains (246
# gold pairs); round 71's code (commit a8409af) sets 257 to 260, 2026-12-07 13:51 UTC: P 0.951, R 0.873, xR 0.905, 4
# chains (268 gold pairs); round 73's code (commit ec945c1) sets 261 to 264, 2026-12-07 15:41 UTC: P 0.980, R 0.847,
# xR 0.833, 1 chain (287 gold pairs); round 75 (commit f99e0c7) sets 265 to 268, 2026-12-07 16:49 UTC: P 0.995, R
# 0.848, xR 0.861, no chain (223 gold pairs); round 76 (commit 99df3ce) sets 269 to 272, 2026-12-07 17:07 UTC: P
# 0.991, R 0.870, xR 0.883, 1 chain (261 gold pairs); round 76's code (commit c4d9c36) sets 273 to 276, 2026-12-07
# 18:47 UTC: P 0.980, R 0.763, xR 0.806, no chain (253 gold pairs); round 77 (commit 4e33337) sets 277 to 280,
# 2026-12-07 19:19 UTC: P 0.982, R 0.917, xR 0.914, 2 chains (240 gold pairs); round 78's code (commit c31b68f)
# sets 281 to 284, 2026-12-07 19:27 UTC: P 1.000, R 0.843, xR 0.892, no chain (261 gold pairs); round 78's code
# (commit 887f842) sets 285, 287 and 288, 2026-12-07 20:05 UTC: P 0.987, R 0.796, xR 0.793, 1 chain (196 gold pairs);
# round 79's code (commit 916307d) sets 289 to 292, 2026-12-07 21:10 UTC: P 0.995, R 0.814, xR 0.897, 1 chain (231
# gold pairs); round 80 (commit a5392ba) sets 293 to 296, 2026-12-07 21:57 UTC: P 1.000, R 0.833, xR 0.828, no chain
# (215 gold pairs); round 82's first form (commit 63d7b90) sets 297 to 300, 2026-12-07 22:30 UTC: P 0.988, R 0.799,
# xR 0.829, no chain (214 gold pairs); round 82 (commit 33313a9) sets 301 to 304, 2026-12-07 23:59 UTC: P 0.994, R
# 0.767, xR 0.797, no chain (223 gold pairs); round 83 (commit 3cdab8d) sets 305 to 308, 2026-12-08 00:37 UTC: P
# 0.963, R 0.830, xR 0.812, 1 chain (253 gold pairs); round 83's code (commit 217c9d4) sets 309 to 312, 2026-12-08
# 00:39 UTC: P 0.979, R 0.822, xR 0.891, 2 chains (225 gold pairs).
LAST_MEASURED_SETS = (309, 310, 311, 312)
LAST_MEASURED_POOLED = {"precision": 0.97, "recall": 0.82, "cross_language_recall": 0.89, "chains": 2}
# set -> floors of country precision and F1, topic precision and F1
TAG_FLOORS = {3: (0.94, 0.96, 0.89, 0.83), 4: (0.95, 0.96, 0.84, 0.78), 5: (0.95, 0.96, 0.85, 0.83),
              6: (0.97, 0.97, 0.84, 0.83), 7: (0.96, 0.96, 0.87, 0.85), 8: (0.95, 0.95, 0.80, 0.80),
              9: (0.89, 0.93, 0.84, 0.78), 10: (0.91, 0.91, 0.84, 0.80), 11: (0.94, 0.95, 0.87, 0.82),
              12: (0.94, 0.95, 0.81, 0.79), 13: (0.88, 0.91, 0.80, 0.79), 14: (0.93, 0.95, 0.80, 0.78),
              15: (0.92, 0.93, 0.83, 0.78), 16: (0.93, 0.93, 0.81, 0.81), 17: (0.99, 0.94, 0.87, 0.82),
              18: (0.99, 0.99, 0.87, 0.80), 19: (0.92, 0.92, 0.85, 0.81), 20: (0.99, 0.95, 0.81, 0.81),
              21: (0.95, 0.95, 0.87, 0.86), 22: (0.93, 0.91, 0.89, 0.86), 23: (0.93, 0.92, 0.85, 0.85),
              24: (0.98, 0.96, 0.86, 0.81)}
# The last pair of tag sets measured (by round 13, commit beb21bf): issue 13's targets hold on the two together,
# the size of the independent set the issue measured (165 items).
LAST_TAG_PAIR = (23, 24)


def _evaluated(number: int) -> dict[str, Any]:
    """`clusterfeeds eval dedup` of blind set `number`."""
    items = parse_dedup((DATA / f"dedup_blind{number}.jsonl").read_text(encoding="utf-8").splitlines())
    return evaluate(Settings(config_dir=CONFIG), items)


@pytest.mark.parametrize("number", sorted(DEDUP_FLOORS))
@pytest.mark.slow
def test_dedup_on_blind_sets(number: int) -> None:
    result = _evaluated(number)
    figures = {"precision": result["overall"]["precision"], "recall": result["overall"]["recall"],
               "cross_language_recall": result["cross_language"]["recall"], "chains": result["chains"]}
    print(f"dedup blind set {number}:", json.dumps(figures), "targets:", json.dumps(TARGETS["dedup"]))
    precision, recall, cross_recall, chains = DEDUP_FLOORS[number]
    assert figures["precision"] >= precision
    assert figures["recall"] >= recall
    assert figures["cross_language_recall"] >= cross_recall
    assert figures["chains"] <= chains


@pytest.mark.slow
def test_dedup_on_the_blind_sets_measured_last() -> None:
    """Issue 12's figures pooled over the blind sets measured last (each once, by the round that saw them first)."""
    totals = {"pairs_gold": 0, "pairs_predicted": 0, "pairs_correct": 0, "x_gold": 0, "x_correct": 0, "chains": 0}
    for number in LAST_MEASURED_SETS:
        result = _evaluated(number)
        for key in ("pairs_gold", "pairs_predicted", "pairs_correct"):
            totals[key] += result["overall"][key]
        totals["x_gold"] += result["cross_language"]["pairs_gold"]
        totals["x_correct"] += result["cross_language"]["pairs_correct"]
        totals["chains"] += result["chains"]
    figures = {"precision": totals["pairs_correct"] / totals["pairs_predicted"],
               "recall": totals["pairs_correct"] / totals["pairs_gold"],
               "cross_language_recall": totals["x_correct"] / totals["x_gold"], "chains": totals["chains"]}
    print(f"dedup blind sets {LAST_MEASURED_SETS}:", json.dumps(figures), "targets:", json.dumps(TARGETS["dedup"]))
    for name in ("precision", "recall", "cross_language_recall"):
        assert figures[name] >= LAST_MEASURED_POOLED[name], name
    assert figures["chains"] <= LAST_MEASURED_POOLED["chains"]


@pytest.mark.parametrize("number", sorted(TAG_FLOORS))
def test_tags_on_blind_sets(number: int) -> None:
    items = parse_tags((DATA / f"tags_blind{number}.jsonl").read_text(encoding="utf-8").splitlines())
    tagger = Tagger(load_taxonomy(CONFIG))
    predicted = {item.id: tagger.tag(item.title, item.text, item.language, item.metadata, item.categories)
                 for item in items}
    report = scores(items, predicted, Settings().tag_threshold)
    for kind in ("country", "topic"):
        print(f"{kind} blind set {number}:", json.dumps(report[kind]["micro"]), "tags per item",
              report[kind]["tags_per_item"], "gold", report[kind]["gold_per_item"], "targets:",
              json.dumps(TARGETS[kind]))
        # tags per item within 20 % of the editors' average (issue 13)
        assert abs(report[kind]["tags_per_item"] / report[kind]["gold_per_item"] - 1) <= 0.2
    country_precision, country_f1, topic_precision, topic_f1 = TAG_FLOORS[number]
    assert report["country"]["micro"]["precision"] >= country_precision
    assert report["country"]["micro"]["f1"] >= country_f1
    assert report["topic"]["micro"]["precision"] >= topic_precision
    assert report["topic"]["micro"]["f1"] >= topic_f1


@pytest.mark.slow
def test_tags_meet_issue_13_on_the_last_blind_pair() -> None:
    """Issue 13's done-when, on the last pair of blind sets measured (161 items, measured once)."""
    items = [item for number in LAST_TAG_PAIR for item in parse_tags(
        (DATA / f"tags_blind{number}.jsonl").read_text(encoding="utf-8").splitlines())]
    tagger = Tagger(load_taxonomy(CONFIG))
    predicted = {item.id: tagger.tag(item.title, item.text, item.language, item.metadata, item.categories)
                 for item in items}
    report = scores(items, predicted, Settings().tag_threshold)
    for kind in ("country", "topic"):
        micro = report[kind]["micro"]
        print(f"{kind} blind sets {LAST_TAG_PAIR}:", json.dumps(micro), "targets:", json.dumps(TARGETS[kind]))
        assert micro["precision"] >= TARGETS[kind]["precision"]
        assert micro["f1"] >= TARGETS[kind]["f1"]
        assert abs(report[kind]["tags_per_item"] / report[kind]["gold_per_item"] - 1) <= 0.2
