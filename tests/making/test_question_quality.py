"""What a careful teacher asks of every question, as specifications over generated banks.

Each spec here pins one failure pattern a blind read found (the question-quality issue):
stilted wording, questions that answer themselves, disputed points taught as settled,
weak cloze, trivia, missing or leaking explanations, right answers marked wrong, and the
assumptions a second bank on another topic exposed.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from click.testing import CliRunner

from quizgen.bank.loader import load_bank
from quizgen.cli import cli
from quizgen.making.generate import Generation
from quizgen.making.question import Question
from quizgen.making.selection import load_and_generate
from quizgen.study.answers import check_answer
from tests.conftest import BRICS, CORPUS, FACTS, QUESTIONS, bank_args


@pytest.fixture(scope="module")
def default() -> Generation:
    return load_and_generate(FACTS, CORPUS, QUESTIONS)[1]


@pytest.fixture(scope="module")
def brics() -> Generation:
    return load_and_generate(BRICS / "facts.yaml", BRICS, QUESTIONS)[1]


def by_id(generation: Generation) -> dict[str, Question]:
    return {q.id: q for q in generation.questions}


def texts(q: Question) -> list[str]:
    return [q.prompt, q.answer, q.explanation, *q.options, *q.items, *q.left, *q.right]


def edit_facts(root: Path, old: str, new: str) -> None:
    facts = root / "corpus" / "facts.yaml"
    text = facts.read_text(encoding="utf-8")
    assert text.count(old) == 1, old
    facts.write_text(text.replace(old, new), encoding="utf-8")


# -- natural wording ---------------------------------------------------------------------


def test_events_read_as_a_teacher_writes_them(default: Generation, brics: Generation) -> None:
    q = by_id(default)
    assert q["event-date:russia-chairmanship-start"].prompt == "When will Russia's CSTO chairmanship begin?"
    assert q["event-place:next-summit-moscow"].prompt == "Where will the next CSTO summit be held?"
    assert q["event-date-statement:next-summit-moscow:true"].prompt == (
        "The next CSTO summit will be held in Moscow on 11 November 2026.")
    b = by_id(brics)
    assert b["event-date-statement:first-bric-summit:true"].prompt == (
        "The first BRIC summit was held in Yekaterinburg in 2009.")
    assert b["event-date:expansion-2024"].prompt == (
        "When did Egypt, Ethiopia, Iran and the United Arab Emirates join BRICS?")
    stilted = re.compile(r"\bis scheduled\b|\btook place\b.*\bstart of\b|\bof \d+ \w+ \d{4} take place")
    assert not [x.prompt for x in default.questions if stilted.search(x.prompt)]


def test_figure_options_say_what_is_counted_and_none_asks_for_the_closest(
        default: Generation, brics: Generation) -> None:
    # "more than 30,000 people": "more than 15,000" would be true too, so a bound gets no options
    assert "figure-choice:collective-forces-strength" not in by_id(default)
    q = by_id(default)["figure-value:collective-forces-strength"]
    assert q.prompt == ("According to Izvestia's report on the CSTO summit in Bishkek in November "
                        "2025, what is the total strength of the CSTO Collective Forces?")
    assert q.answer == "more than 30,000 people" and "30,000" not in q.accept
    assert check_answer(q, "over 30,000 people").correct
    share = by_id(brics)["figure-choice:population-share"]
    assert all(re.fullmatch(r"about \d+%", o) for o in share.options), share.options
    assert not any("closest" in x.prompt for x in default.questions)
    # Round 20: "How many delegations … were led by heads of state or government?" "more
    # than 20": a count asked for, a bound given ("21"? "25"?).
    assert "figure-value:leaders-count" not in by_id(brics)
    assert not [x for x in brics.questions if x.prompt.startswith("How many")
                and re.match(r"(more|fewer|over|under|at least) ", x.answer)]


def test_documents_are_approved_or_only_planned_never_signed_against_adopted(
        default: Generation) -> None:
    statements = [x for x in default.questions if x.template_id == "document-status-statement"]
    assert statements
    for x in statements:
        assert "only planned" not in x.prompt and "CSTO anti-terrorism" not in x.prompt
        assert " signed " not in x.prompt  # adopted and signed are not opposites


# -- questions that answer themselves -------------------------------------------------


def test_no_wrong_option_is_named_by_the_prompt(default: Generation, brics: Generation) -> None:
    q = by_id(default)["role-successor:role-masadykov-sg"]
    assert q.prompt == "Who succeeds Imangali Tasmagambetov as Secretary-General of the CSTO?"
    assert "Imangali Tasmagambetov" not in q.options
    for x in [*default.questions, *brics.questions]:
        if x.kind == "multiple_choice":
            wrong = [o for i, o in enumerate(x.options) if i != x.answer_index]
            assert not [o for o in wrong if re.search(rf"\b{re.escape(o)}\b", x.prompt)], x.id


def test_a_statement_naming_its_speakers_country_is_not_asked_as_who_said_it(tmp_bank: Path) -> None:
    edit_facts(tmp_bank, "    content: readiness to share experience in military medicine\n",
               "    content: readiness to share Russia's experience in military medicine\n")
    result = CliRunner().invoke(cli, ["check", "-v", *bank_args(tmp_bank)])
    assert "statement-speaker × putin-military-medicine: the statement names its speaker's " \
           "country (Russia)" in result.output
    _, generation = load_and_generate(tmp_bank / "corpus" / "facts.yaml", tmp_bank / "corpus",
                                      tmp_bank / "questions")
    asked = {x.template_id for x in generation.questions if "putin-military-medicine" in x.fact_ids}
    assert asked and not {t for t in asked if t.startswith(("statement-speaker", "statement-people"))}


def test_general_knowledge_and_boilerplate_marked_background_ask_nothing(default: Generation) -> None:
    asked = {f for x in default.questions for f in x.fact_ids}
    assert "interstate-commission-meetings" not in asked  # an agency's "biannually"
    assert "masadykov-first-name-disputed" not in asked  # a spelling
    assert not [x for x in default.questions if x.kind == "true_false"
                and x.prompt == "Alexander Lukashenko is the President of Belarus."]


def test_no_true_false_without_a_plausible_false_version(default: Generation) -> None:
    assert not [x for x in default.questions if x.template_id == "exercise-type-statement"]
    members = [x for x in default.questions if x.template_id.startswith("membership")
               and x.kind == "true_false"]
    assert members == []  # "Russia has suspended its participation" is false on its face


def test_little_known_people_do_not_get_household_names_as_wrong_options(brics: Generation) -> None:
    from quizgen.bank.loader import load_bank
    from quizgen.making.pools import famous_people

    famous = famous_people(load_bank(BRICS / "facts.yaml", BRICS).facts)
    asked = [q for q in brics.questions if q.template_id == "role-holder" and q.answer not in famous]
    assert asked and famous >= {"Vladimir Putin", "Xi Jinping", "Narendra Modi"}
    assert all(not famous & set(q.options) for q in asked), [q.options for q in asked]


def test_an_ordering_asks_at_least_four_events(default: Generation, brics: Generation) -> None:
    orderings = [x for x in [*default.questions, *brics.questions] if x.kind == "ordering"]
    assert orderings and all(len(x.items) >= 4 for x in orderings)


# -- disputed points ------------------------------------------------------------------


def test_check_refuses_a_settled_fact_that_quotes_one_side_of_a_dispute(tmp_bank: Path) -> None:
    edit_facts(tmp_bank, "    unaffected_by: [sg-handover-timing-disputed, masadykov-first-name-disputed]",
               "    unaffected_by: [masadykov-first-name-disputed]")
    result = CliRunner().invoke(cli, ["check", *bank_args(tmp_bank)])
    assert result.exit_code == 1
    assert ("ERROR: fact 'role-masadykov-sg' quotes izvestia where the disputed fact "
            "'sg-handover-timing-disputed' does: it would be taught as settled") in result.output


def test_the_default_banks_successor_is_never_dated(default: Generation) -> None:
    about = [x for x in default.questions if "role-masadykov-sg" in x.fact_ids]
    assert about
    for x in about:
        assert "1 January" not in x.prompt and "from 2026" not in x.prompt, x.prompt


# -- cloze ----------------------------------------------------------------------------


def test_a_cloze_shows_whole_sentences_blanked_on_word_boundaries(
        default: Generation, brics: Generation) -> None:
    clozes = [x for x in [*default.questions, *brics.questions] if x.kind == "cloze"]
    assert len(clozes) >= 8
    for x in clozes:
        text = x.prompt.split(":", 1)[1].strip()
        assert text.startswith("“") and text[1:2].isupper() or text[1:2] in "‘_", x.prompt
        assert text.rstrip("”’ ")[-1:] in ".!?_", x.prompt
        assert "“" not in text[1:] and '"' not in text, x.prompt  # no quotes in quotes
        assert not x.cloze_before[-1:].isalnum() and not x.cloze_after[:1].isalnum(), x.prompt


def test_a_cloze_never_blanks_a_name_its_title_gives_away_or_one_name_of_a_list(
        default: Generation) -> None:
    for x in default.questions:
        if x.kind == "cloze":
            assert not re.search(r"President( of \w+)? _____", x.prompt), x.prompt
            assert x.answer not in ("Interaction", "Echelon", "Search"), x.prompt  # a list of three


def test_a_curator_marked_key_is_the_blank(default: Generation) -> None:
    q = by_id(default)["key-quote:lukashenko-besieged-fortress"]
    assert q.answer == "besieged fortress" and "_____" in q.prompt


def test_no_blank_is_a_long_official_name_to_recall_word_for_word(
        default: Generation, brics: Generation) -> None:
    # Round 4 and 5: "endorses _____" for "the modalities of the BRICS partner country
    # category" marks "a partner-country status" wrong.
    clozes = [x for x in [*default.questions, *brics.questions] if x.kind == "cloze"]
    assert all(len(x.answer.split()) <= 5 for x in clozes), [x.answer for x in clozes]
    assert "document-name-quote:doc-partner-modalities" not in by_id(brics)
    # Round 5: "equip … with _____ and equipment" in a Putin quote, "modern Russian weapons".
    assert "key-quote:putin-weapons-program" not in by_id(default)
    assert "Russian" in by_id(default)["statement-speaker:putin-weapons-program"].explanation


# -- explanations and internals -------------------------------------------------------


def test_every_question_explains_its_answer_without_ids(default: Generation, brics: Generation) -> None:
    for x in [*default.questions, *brics.questions]:
        assert len(x.explanation) > 20, x.id
        # fact ids look like "sg-handover-timing-disputed": no learner text holds one
        assert not re.search(r"\b[a-z0-9]+(?:-[a-z0-9]+){2,}\b", " ".join(texts(x))), x.id


def test_check_fails_on_learner_text_that_exposes_a_fact_id(tmp_bank: Path) -> None:
    note = "    note: Reuters adds that Russia will preside over it, as it chairs the CSTO in 2026.\n"
    edit_facts(tmp_bank, note, "    note: See the fact russia-chairmanship-start.\n")
    result = CliRunner().invoke(cli, ["check", *bank_args(tmp_bank)])
    assert result.exit_code == 1
    assert "learner text exposes internals" in result.output


# -- right answers accepted ----------------------------------------------------------


def test_the_articles_own_words_for_a_post_and_a_percentage_are_right(
        brics: Generation) -> None:
    from quizgen.making.wording import post_forms

    assert "CSTO Secretary-General" in post_forms("Secretary-General of the CSTO")
    # …but not a bare "head" for "Head of the New Development Bank"
    assert [f.lower() for f in post_forms("Head of the New Development Bank")] == [
        "new development bank head"]
    share = by_id(brics)["figure-value:population-share"]
    assert check_answer(share, "45 per cent").correct and check_answer(share, "45%").correct
    assert not check_answer(share, "35 per cent").correct


# -- what a second bank exposed ------------------------------------------------------


def test_where_accepts_the_country_and_the_short_name_is_the_one_people_use(brics: Generation) -> None:
    b = by_id(brics)
    place = b["event-place:first-bric-summit"]
    assert place.prompt == "Where was the first BRIC summit held?"
    assert check_answer(place, "Russia").correct and check_answer(place, "Yekaterinburg").correct
    xi = b["statement-speaker-name:xi-ukraine-principles"]
    assert check_answer(xi, "Xi").correct and not check_answer(xi, "Jinping").correct
    assert not [x for x in brics.questions if x.prompt.startswith("In which city")]


def test_shares_get_wrong_options_between_0_and_100(brics: Generation) -> None:
    q = by_id(brics)["figure-choice:population-share"]
    numbers = [float(re.search(r"[\d.]+", o).group()) for o in q.options]  # type: ignore[union-attr]
    assert all(0 < n < 100 for n in numbers) and len(set(numbers)) == 4


def test_a_status_outside_the_known_ones_is_read_as_a_noun(tmp_bank: Path) -> None:
    edit_facts(tmp_bank, "    status: suspended\n", "    status: dialogue partner\n")
    _, generation = load_and_generate(tmp_bank / "corpus" / "facts.yaml", tmp_bank / "corpus",
                                      tmp_bank / "questions")
    q = next(x for x in generation.questions if x.id == "membership-country:member-armenia")
    assert q.prompt == "Which of these countries is a dialogue partner of the CSTO?"


def test_which_outlet_works_with_three_outlets(tmp_bank: Path) -> None:
    # Two more articles from outlets already in the bank: three outlets in all.
    for doc, outlet in (("trend", "Reuters"), ("anadolu", "Izvestia")):
        path = tmp_bank / "corpus" / f"{doc}.md"
        text = path.read_text(encoding="utf-8")
        path.write_text(re.sub(r"(?m)^outlet: .*$", f'outlet: "{outlet}"', text, count=1),
                        encoding="utf-8")
    _, generation = load_and_generate(tmp_bank / "corpus" / "facts.yaml", tmp_bank / "corpus",
                                      tmp_bank / "questions")
    asked = [x for x in generation.questions if x.template_id == "disputed-which-outlet"]
    assert asked and all(len(x.options) == 3 for x in asked)


# -- round 5 ------------------------------------------------------------------------------


def test_date_options_are_the_other_days_of_the_story(brics: Generation) -> None:
    # Round 5: only 24 October fell inside the 22–24 October summit among the options.
    q = by_id(brics)["event-date-choice:modi-xi-talks"]  # on 23 October
    assert {"22 October 2024", "24 October 2024"} <= set(q.options)
    for x in brics.questions:
        if x.template_id == "event-date-choice" and "October 2024" in x.answer:
            assert sum("October 2024" in o for o in x.options) == len(x.options), x.options


def test_a_false_speaker_is_nobody_the_fact_points_to(brics: Generation) -> None:
    # Round 5: Modi's line on consensus, "close to that of Brazil", given to Brazil's
    # foreign minister; nor to another who spoke to partner countries (Ushakov).
    # A view is asked true only: another speaker may well have said as much.
    assert "statement-attribution:modi-partner-consensus:false" not in by_id(brics)
    assert "statement-attribution:modi-partner-consensus:true" in by_id(brics)
    proposal = by_id(brics)["statement-proposal-attribution:putin-grain-exchange:false"]
    assert "Vladimir Putin" not in proposal.prompt and "proposed" in proposal.prompt
    options = by_id(brics)["statement-speaker:modi-partner-consensus"].options
    assert not {"Mauro Vieira", "Yuri Ushakov"} & set(options)


def test_a_statement_says_when_and_where_it_was_made(default: Generation, brics: Generation) -> None:
    # Rounds 3–5: "Who called for a just peace in Ukraine …?" without the occasion.
    q = by_id(brics)
    assert q["statement-speaker-name:guterres-just-peace"].prompt.startswith(
        "At the BRICS Plus outreach session in Kazan on 24 October 2024, who called for")
    assert q["statement-attribution:putin-balance-expansion:true"].prompt.startswith(
        "On 24 October 2024, the last day of the BRICS summit in Kazan, Vladimir Putin said")
    d = by_id(default)
    assert d["statement-speaker:putin-joint-training"].prompt == (
        "At the CSTO summit in Bishkek on 27 November 2025, who called for expanding joint training "
        "of military units and special services?")
    # The explanation states the fact with its occasion, not the question back.
    assert d["statement-speaker-name:putin-joint-training"].explanation.startswith("At the CSTO summit")


def test_a_role_country_question_says_who_and_quotes_what_bears_it_out(default: Generation) -> None:
    # Round 5: "Which country is Taalatbek Masadykov from?", explained by a quote with no country.
    q = by_id(default)["role-country:role-masadykov-sg"]
    assert q.prompt == ("Taalatbek Masadykov succeeds Imangali Tasmagambetov as Secretary-General "
                        "of the CSTO. Which country does Taalatbek Masadykov come from?")
    assert "Kyrgyzstan" in q.explanation.split("reported:", 1)[1]


def test_a_speaker_named_in_their_own_words_is_not_asked_who(default: Generation,
                                                            brics: Generation) -> None:
    """"Who said that Saudi Arabia is still studying …?" — "Saudi officials" answers itself;
    the true/false statement (a swapped speaker gives nothing away) is still asked."""
    asked = {q.id for q in brics.questions if q.fact_ids == ["saudi-studying-invitation"]}
    assert asked == {"statement-attribution:saudi-studying-invitation:true"}
    assert not any(q.fact_ids == ["belarus-oreshnik"] and q.template_id.startswith("statement-speaker")
                   for q in default.questions)


def test_a_country_as_speaker_is_asked_which_country(default: Generation) -> None:
    q = by_id(default)["statement-speaker-name:armenia-no-objection"]
    assert q.prompt.startswith("Which country said in advance that it did not object")
    people = [q for q in default.questions
              if q.template_id == "statement-speaker-name" and q.answer == "Vladimir Putin"]
    assert people and all(re.search(r"(^|, )[Ww]ho ", q.prompt) for q in people)


# -- rounds 6–10 ------------------------------------------------------------------------


def test_a_settled_fact_never_shows_a_side_of_a_dispute(default: Generation) -> None:
    """Round 10: Armenia's suspension quoted with Fergana's whole sentence taught its
    "intention to withdraw", which Reuters denies, as settled."""
    shown = [q for q in default.questions if "intention to withdraw" in " ".join(texts(q))]
    assert shown and all("disputed" in q.tags for q in shown)


def test_a_quote_cut_short_of_its_sentence_never_ends_with_a_full_stop(
        default: Generation) -> None:
    """Round 17: "Fergana News reported: “In 2024, Armenia suspended its participation in
    the bloc.”" read as Fergana's whole sentence; it goes on "and announced its intention
    to withdraw", the disputed half left out."""
    armenia = by_id(default)["membership-country:member-armenia"].explanation
    assert "“In 2024, Armenia suspended its participation in the bloc …”" in armenia
    assert "in the bloc.”" not in " ".join(q.explanation for q in default.questions)


def test_an_event_named_after_its_place_is_not_placed_there_again(tmp_bank: Path) -> None:
    """Round 18: "The BRICS Plus outreach session of the Kazan summit was held in Kazan on
    22 October 2024." """
    edit_facts(tmp_bank, "    subject: the next CSTO summit\n",
               "    subject: the next CSTO summit in Moscow\n")
    made = by_id(load_and_generate(tmp_bank / "corpus" / "facts.yaml", tmp_bank / "corpus",
                                   QUESTIONS)[1])
    assert made["event-date-statement:next-summit-moscow:true"].prompt == (
        "The next CSTO summit in Moscow will be held on 11 November 2026.")
    # Without the place in its name, it is said where (test_generate: tense).


def test_the_day_the_stems_set_the_story_on_is_not_asked(tmp_bank: Path) -> None:
    """Round 18: "When was the 2025 CSTO summit held?" when 22 stems open "At the CSTO
    summit in Bishkek on 27 November 2025"; the same for the BRICS session held on the day
    three statements are dated."""
    edit_facts(tmp_bank, "    importance: background   # the story's setting: every statement's "
               "stem names its day and city\n", "")
    summit = [q for q in load_and_generate(tmp_bank / "corpus" / "facts.yaml", tmp_bank / "corpus",
                                           QUESTIONS)[1].questions
              if q.fact_ids == ["summit-bishkek-2025"]]
    assert not [q for q in summit if q.template_id.startswith("event-date")]
    brics = load_and_generate(BRICS / "facts.yaml", BRICS, QUESTIONS)[1].questions
    assert not [q for q in brics if q.fact_ids == ["outreach-session"]]
    assert [q for q in brics if q.id == "event-date:summit-kazan-2024"]  # a day no stem names


def test_which_outlet_states_the_claim_once(brics: Generation) -> None:
    """Round 19: "The outlets disagree on how many countries sent delegations to the Kazan
    summit. Which outlet reported that 32 countries sent delegations to the Kazan summit?" """
    q = by_id(brics)["disputed-which-outlet:countries-attending-disputed:3"]
    assert q.prompt == ("Which outlet reported that 32 countries sent delegations to the Kazan "
                        "summit? Other reports differ.")


def test_a_timelines_solution_dates_each_event_without_a_second_bracket(brics: Generation) -> None:
    """Round 19: "The Universiade (Kazan) (2013); …" """
    timelines = [q for q in brics.questions if q.kind == "ordering"]
    assert timelines and not [q for q in timelines if ") (" in q.answer]
    assert any("The Universiade (Kazan): 2013" in q.answer for q in timelines)


def test_a_places_wrong_options_are_places_of_its_kind(brics: Generation) -> None:
    """Round 19: "Where will the next BRICS summit be held?" among Moscow, New York,
    Switzerland and Brazil: the only countries beside two cities, one of them the answer."""
    bank = load_bank(BRICS / "facts.yaml", BRICS)
    countries = {c for f in bank.facts for c in [getattr(f, "country", None)] if c}
    country = by_id(brics)["event-place-choice:next-summit-brazil"]
    assert country.answer == "Brazil" and set(country.options) <= countries
    cities = [q for q in brics.questions if q.template_id == "event-place-choice"
              and q.answer not in countries]
    assert cities and not [q for q in cities if countries & set(q.options)]


def test_a_quote_that_ends_its_sentence_is_shown_whole() -> None:
    from quizgen.making.wording import clipped

    sentence = "In 2024, Armenia suspended its participation in the bloc and left."
    assert clipped("In 2024,  Armenia", sentence) == "In 2024, Armenia …"
    assert clipped("In 2024,", sentence) == "In 2024 …"
    assert clipped("and left.", sentence) == "and left."
    assert clipped("and left", sentence) == "and left"  # only a full stop follows it
    assert clipped("not in it", sentence) == "not in it"


def test_where_the_story_is_set_is_not_asked(default: Generation, brics: Generation) -> None:
    """Rounds 7 and 10: "Kazan" and "Bishkek" answer themselves; the stems name them."""
    assert not [q.id for q in [*default.questions, *brics.questions]
                if q.template_id.startswith("event-place") and q.answer in ("Kazan", "Bishkek")]


def test_a_countrys_own_official_is_not_asked_by_name_or_post(brics: Generation) -> None:
    """Round 9: "Who was the Foreign Minister of Saudi Arabia?" — the only Arabic name."""
    asked = {q.template_id for q in brics.questions if q.fact_ids == ["role-faisal-bin-farhan"]}
    assert not asked & {"role-holder", "role-holder-name", "role-post-choice", "role-people-posts"}


def test_no_fill_in_blanks_a_persons_name(default: Generation, brics: Generation) -> None:
    """Rounds 8–9: "Kremlin foreign policy aide _____", "'During our chairmanship …,' _____
    noted": the words around the blank point to the person."""
    assert not [q.id for q in [*default.questions, *brics.questions]
                if q.kind == "cloze" and q.answer_type == "person"]


def test_a_false_date_stays_within_the_week_of_the_story(brics: Generation) -> None:
    """Round 8: "3 October" for a session of a summit held on 22–24 October."""
    import datetime as dt

    def day(text: str) -> dt.datetime:
        return dt.datetime.strptime(text, "%d %B %Y")

    checked = 0
    for q in brics.questions:
        if q.template_id == "event-date-statement" and q.answer == "False":
            true = re.search(r"on (\d+ \w+ \d{4})\.", q.explanation)
            false = re.search(r"on (\d+ \w+ \d{4})\.$", q.prompt)
            if true and false and not true[1].startswith("1 "):  # a first moves by months
                checked += 1
                assert 2 <= abs((day(true[1]) - day(false[1])).days) <= 7, q.prompt
    assert checked >= 5
