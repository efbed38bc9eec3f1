"""Round 36's class (blind sets 74 and 76, read after their measurement: a dated preview of an event and an undated
report of it were judged months apart): an undated text is placed by the days it names, and the nearest of them is
measured against the dated text's publication and against the days that text names too. A preview published in May
that names the forum's September day and an undated report naming that day are zero days apart, not four months. The
titles and texts are invented for these tests."""

from __future__ import annotations

from feeds.process.dedup.scoring import evidence
from tests.support.labelled import fingerprints, items

PREVIEW = {"id": "preview", "url": "https://baltic-health.example/news/forum-2016-tartu", "platform": "baltichealth",
           "published": "2016-05-03", "language": "en", "dup_group": "forum-2016",
           "title": "Baltic Health Forum 2016 comes to Tartu",
           "text": "The Baltic Health Forum 2016 will take place in Tartu on 15 September 2016. Biobank researchers "
                   "and personalised-medicine companies from the Baltic Sea region are invited to register."}
REPORT = {"id": "report", "url": "https://life-science-nord.example/aktuelles/forum-tartu", "platform": "lsnord",
          "language": "de", "dup_group": "forum-2016",
          "title": "Baltic Health Forum 2016 in Tartu: personalisierte Medizin im Mittelpunkt",
          "text": "Forschende aus Biobanken und Firmen der personalisierten Medizin aus dem Ostseeraum trafen sich "
                  "in Tartu zum Baltic Health Forum. Im Mittelpunkt standen Proben, Daten und die Frage, wie "
                  "kleine Firmen an beides kommen. Mehrere Netzwerke aus Schweden, Finnland, Polen und "
                  "Norddeutschland stellten gemeinsame Projekte vor, darunter eine Plattform für den Austausch von "
                  "Proben zwischen Kliniken.\n\nAuf dem Podium ging es um Datenschutz, um die Einwilligung der "
                  "Spender und um die Kosten der Lagerung. Eine Runde junger Firmen zeigte Tests, die aus "
                  "Biobankdaten entstanden sind, und suchte Partner für klinische Studien. Die Veranstalter "
                  "zogen eine zufriedene Bilanz und kündigten an, die Arbeitsgruppen fortzusetzen.\n\n"
                  "Der Forumstag, der 15. September 2016, begann mit einem "
                  "Rundgang durch die estnische Biobank."}
LATER = {"id": "later", "url": "https://baltic-health.example/news/forum-2017", "platform": "baltichealth",
         "published": "2017-04-20", "language": "en", "dup_group": "forum-2017",
         "title": "Baltic Health Forum 2017: registration open",
         "text": "Registration for the Baltic Health Forum 2017 is open. The forum will look at biobanks and "
                 "personalised medicine again."}


def test_an_undated_report_is_as_near_a_preview_as_the_day_both_name() -> None:
    prints = fingerprints(items(PREVIEW, REPORT, LATER))
    assert not prints["report"].dated
    assert prints["preview"].dated
    # before round 36 the report was 135 days from the preview's publication, however plainly both name the day
    assert evidence(prints["preview"], prints["report"]).named_days == 0


def test_a_dated_text_that_names_no_day_is_measured_from_its_publication() -> None:
    prints = fingerprints(items(PREVIEW, REPORT, LATER))
    # the next edition's page names no day: the report's 15 September 2016 is 217 days before its publication
    assert evidence(prints["later"], prints["report"]).named_days == 217
