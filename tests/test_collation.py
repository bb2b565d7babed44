"""Polish alphabetical order."""

from __future__ import annotations

from jstevents.text.collation import name_key, polish_key


def ordered(*words: str) -> list[str]:
    return sorted(words, key=polish_key)


def test_polish_letters_follow_their_base_letter() -> None:
    assert ordered("Łódź", "Lublin", "Maków") == ["Lublin", "Łódź", "Maków"]
    assert ordered("Śrem", "Sopot", "Tarnów") == ["Sopot", "Śrem", "Tarnów"]
    assert ordered("Ćmielów", "Czersk", "Dęblin", "Cieszyn") == ["Cieszyn", "Czersk", "Ćmielów", "Dęblin"]


def test_z_acute_before_z_dot_and_both_after_z() -> None:
    assert ordered("Żary", "Źródła", "Zamość") == ["Zamość", "Źródła", "Żary"]


def test_case_does_not_matter() -> None:
    assert ordered("łukasz", "Lech", "ŁADA", "lipa") == ["Lech", "lipa", "ŁADA", "łukasz"]


def test_plain_python_order_would_be_wrong() -> None:
    # The reason for this module: code points put Ł after Z.
    assert sorted(["Łukasz", "Zenon"]) == ["Zenon", "Łukasz"]
    assert ordered("Łukasz", "Zenon") == ["Łukasz", "Zenon"]


def test_names_are_ordered_by_surname() -> None:
    names = [
        "Łukasz Żółć",
        "Agnieszka Żbik",
        "Zbigniew Źdźbło",
        "Katarzyna Zając",
        "Łucja Lis-Kowalska",
        "Anna Lewandowska",
        "Joanna Łęcka",
        "Sławomir Śliwa",
        "Zofia Sadowska",
    ]
    assert sorted(names, key=name_key) == [
        "Anna Lewandowska",
        "Łucja Lis-Kowalska",
        "Joanna Łęcka",
        "Zofia Sadowska",
        "Sławomir Śliwa",
        "Katarzyna Zając",
        "Zbigniew Źdźbło",
        "Agnieszka Żbik",
        "Łukasz Żółć",
    ]


def test_hyphenated_surname_sorts_after_the_shorter_one() -> None:
    assert ordered("Lisek", "Lis-Kowalska", "Lis") == ["Lis", "Lis-Kowalska", "Lisek"]
