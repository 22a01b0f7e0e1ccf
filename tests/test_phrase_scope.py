"""Where a cue's word stops counting: someone else's forecast or announcement speaks
for its own clause, and a permission sets no deadline."""

import pytest


def rules(lint, text, lang):
    return sorted({f.rule for f in lint(text, lang)})


@pytest.mark.parametrize(("text", "lang"), [
    ("The city says the road works will be finished soon.", "en"),
    ("Traffic on Ring Road I is expected to be slow in the coming weeks because of road works.", "en"),
    ("Skatteverket har meddelat att de nya blanketterna publiceras någon gång i februari.", "sv"),
    ("Kehä I:llä on tietöiden takia ruuhkaa tulevina viikkoina, joten varatkaa käyntiin lisäaikaa.", "fi"),
    ("HSL:n tiedotteen mukaan linja 55 palaa reitilleen näillä näkymin joulukuussa.", "fi"),
])
def test_others_forecasts_and_announcements_are_not_our_promises(lint, text, lang):
    assert rules(lint, text, lang) == []


@pytest.mark.parametrize(("text", "lang"), [
    ("Our supplier informed us that the parts are delayed, so we will install them as soon as possible.", "en"),
    ("Leverantören har meddelat en försening, men vi levererar så snart som möjligt.", "sv"),
    ("Asiakaspalvelussamme on tällä hetkellä ruuhkaa, vastaamme mahdollisimman pian.", "fi"),
])
def test_our_own_clause_after_someone_elses_news_is_still_checked(lint, text, lang):
    assert rules(lint, text, lang) == ["vague-deadline"]


@pytest.mark.parametrize(("text", "lang", "expected"), [
    ("Get well soon! You can book a new appointment in the portal whenever it suits you.", "en", []),
    ("Please send the signed form back whenever it suits you.", "en", ["vague-deadline"]),
    ("Du kan boka en ny tid när det passar dig.", "sv", []),
    ("Skicka blanketten när det passar dig.", "sv", ["vague-deadline"]),
])
def test_a_permission_sets_no_deadline(lint, text, lang, expected):
    assert rules(lint, text, lang) == expected
