"""Generate a synthetic programme at national scale, for benchmarks.

    python benchmarks/generate.py --scale 1.0 --out /tmp/jst-1.0

`--scale 1.0` is the whole country: 2,800 JST, 8,400 participants, 600 modules and
meetings, 50,000 registrations. The output is a project folder in the format of
`events/` (see docs/yaml.md, "The YAML format"), split over many files like a real one:
units and participants one file per voivodeship, one file per event.

Everything comes from a seeded `random.Random`: the same scale and seed give
byte-identical files. Every person is fictitious (first names and surnames drawn
at random from common Polish names, addresses at example.pl).

The generated project validates with 0 errors and 0 warnings with
`jstevents validate --today 2026-12-01` (the first deadline is in January 2027):

- the events of one JST kind form a "track" that runs one event after another, and a
  participant only registers for events of their own track, so no network and no
  participant is ever in two events at once; the one national conference comes after
  every track has ended;
- events fall on working days that are not Polish public holidays;
- every deadline (coach, activity, task, confirmation) is before its event starts;
- venues hold more people than any event registers; communiqué numbers are unique.

The national conference (`konferencja-krajowa`) has min(520, participants) registrations:
the mail benchmark's event. `GENERATED.json` in the output folder records the counts.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import random
import shutil
import sys
import unicodedata
from pathlib import Path
from typing import Any

import yaml

FULL = {"units": 2800, "participants": 8400, "events": 600, "registrations": 50_000}
FIRST_DAY = dt.date(2027, 1, 11)
TODAY = "2026-12-01"
BIG_EVENT = "konferencja-krajowa"
BIG_EVENT_SIZE = 520
MANIFEST = "GENERATED.json"
#: A venue holds this many; the tracks' events register fewer.
VENUE_CAPACITY = 200
EVENT_CAP = 180

VOIVODESHIPS = [
    "dolnośląskie",
    "kujawsko-pomorskie",
    "lubelskie",
    "lubuskie",
    "łódzkie",
    "małopolskie",
    "mazowieckie",
    "opolskie",
    "podkarpackie",
    "podlaskie",
    "pomorskie",
    "śląskie",
    "świętokrzyskie",
    "warmińsko-mazurskie",
    "wielkopolskie",
    "zachodniopomorskie",
]
CAPITALS = [
    ("Wrocław", "Wrocławiu"),
    ("Toruń", "Toruniu"),
    ("Lublin", "Lublinie"),
    ("Zielona Góra", "Zielonej Górze"),
    ("Łódź", "Łodzi"),
    ("Kraków", "Krakowie"),
    ("Warszawa", "Warszawie"),
    ("Opole", "Opolu"),
    ("Rzeszów", "Rzeszowie"),
    ("Białystok", "Białymstoku"),
    ("Gdańsk", "Gdańsku"),
    ("Katowice", "Katowicach"),
    ("Kielce", "Kielcach"),
    ("Olsztyn", "Olsztynie"),
    ("Poznań", "Poznaniu"),
    ("Szczecin", "Szczecinie"),
]
KINDS = [
    ("gmina wiejska", "gminy-wiejskie", "Gmina"),
    ("gmina miejsko-wiejska", "gminy-miejsko-wiejskie", "Miasto i Gmina"),
    ("gmina miejska", "gminy-miejskie", "Miasto"),
    ("powiat", "powiaty", "Powiat"),
]
FIRST_NAMES = [
    "Anna",
    "Maria",
    "Katarzyna",
    "Małgorzata",
    "Agnieszka",
    "Barbara",
    "Ewa",
    "Krystyna",
    "Elżbieta",
    "Magdalena",
    "Joanna",
    "Aleksandra",
    "Zofia",
    "Monika",
    "Teresa",
    "Danuta",
    "Beata",
    "Dorota",
    "Piotr",
    "Krzysztof",
    "Andrzej",
    "Tomasz",
    "Paweł",
    "Jan",
    "Michał",
    "Marcin",
    "Stanisław",
    "Jakub",
    "Adam",
    "Marek",
    "Łukasz",
    "Grzegorz",
    "Mateusz",
    "Wojciech",
    "Mariusz",
    "Zbigniew",
]
SURNAMES = [
    "Nowak",
    "Kowalczyk",
    "Wiśniewska",
    "Wójcik",
    "Kamińska",
    "Lewandowski",
    "Zieliński",
    "Szymańska",
    "Woźniak",
    "Dąbrowski",
    "Kozłowska",
    "Jankowski",
    "Mazur",
    "Kwiatkowska",
    "Krawczyk",
    "Piotrowski",
    "Grabowska",
    "Nowakowski",
    "Pawłowska",
    "Michalski",
    "Król",
    "Wieczorek",
    "Jabłoński",
    "Wróbel",
    "Majewska",
    "Olszewski",
    "Stępień",
    "Malinowska",
    "Jaworski",
    "Adamczyk",
    "Dudek",
    "Nowicka",
    "Pająk",
    "Sikora",
    "Baran",
    "Rutkowska",
    "Michalak",
    "Szewczyk",
    "Ostrowski",
    "Tomaszewska",
]
SYLLABLES = [
    "bor",
    "lip",
    "dęb",
    "brzez",
    "olsz",
    "wierz",
    "grab",
    "jawor",
    "kal",
    "mił",
    "rad",
    "sob",
    "zał",
    "kam",
    "pol",
    "łęk",
    "strz",
    "gór",
    "wol",
    "dob",
    "chmiel",
    "jez",
    "mosz",
    "sęk",
]
ENDINGS = ["owo", "ice", "in", "ów", "no", "ka", "ec", "iska", "ew", "owa Wola", "ki", "ino"]
ROLES = [
    "wójt",
    "burmistrz",
    "sekretarz gminy",
    "skarbnik",
    "inspektor ds. oświaty",
    "kierownik referatu oświaty",
    "starosta",
    "główny specjalista ds. oświaty",
]
DIETS = ["standardowa"] * 14 + ["wegetariańska", "wegańska", "bezglutenowa", "bez laktozy"]


LOGO = "logos/unia-europejska.png"


def slug(text: str) -> str:
    text = text.replace("ł", "l").replace("Ł", "L")
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return "-".join("".join(c if c.isalnum() else " " for c in ascii_text.lower()).split())


def counts(scale: float) -> dict[str, int]:
    """The sizes at `scale`; a few minimums keep tiny scales meaningful."""
    return {
        "units": max(8, round(FULL["units"] * scale)),
        "participants": max(16, round(FULL["participants"] * scale)),
        "events": max(6, round(FULL["events"] * scale)),
        "registrations": max(40, round(FULL["registrations"] * scale)),
    }


class _Days:
    """Working days that are neither weekends nor Polish public holidays."""

    def __init__(self) -> None:
        import holidays

        self._holidays = holidays.country_holidays("PL", years=range(FIRST_DAY.year, FIRST_DAY.year + 12))

    def ok(self, day: dt.date) -> bool:
        return day.weekday() < 5 and day not in self._holidays

    def span(self, after: dt.date, length: int) -> tuple[dt.date, dt.date]:
        """The first `length` consecutive working days starting after `after`."""
        start = after + dt.timedelta(days=1)
        while not all(self.ok(start + dt.timedelta(days=i)) for i in range(length)):
            start += dt.timedelta(days=1)
        return start, start + dt.timedelta(days=length - 1)


class _Dumper(getattr(yaml, "CSafeDumper", yaml.SafeDumper)):  # type: ignore[misc]
    """Writes every value out: a coordinator does not write anchors for repeated dates."""

    def ignore_aliases(self, data: Any) -> bool:
        return True


def _dump(data: Any, flow: bool | None = False) -> str:
    return yaml.dump(data, Dumper=_Dumper, allow_unicode=True, sort_keys=False, default_flow_style=flow, width=120)


def _write(path: Path, header: str, text: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(f"# {header}\n{text}", encoding="utf-8")


def _place_names(rng: random.Random, count: int) -> list[str]:
    names: list[str] = []
    seen: set[str] = set()
    while len(names) < count:
        name = (rng.choice(SYLLABLES) + rng.choice(SYLLABLES[:12]) + rng.choice(ENDINGS)).capitalize()
        if name in seen:
            name = f"{name} {len(names) + 1}"
        seen.add(name)
        names.append(name)
    return names


def _programme() -> dict[str, Any]:
    return {
        "programme": {
            "id": "jst-krajowy",
            "title": "Wsparcie kadry jednostek samorządu terytorialnego w zarządzaniu oświatą (program syntetyczny)",
            "short_title": "program dla jednostek samorządu terytorialnego",
            "organiser": "Ośrodek Rozwoju Edukacji",
            "organiser_short": "ORE",
            "partners": ["Związek Miast Polskich"],
            "partnership": "w partnerstwie ze Związkiem Miast Polskich",
            "funding": {
                "text": "Projekt współfinansowany przez Unię Europejską w ramach Europejskiego Funduszu "
                "Społecznego (dane syntetyczne do testów wydajności).",
                "logos": [LOGO],
            },
            "timezone": "Europe/Warsaw",
            "signature": "Zespół projektu",
            "contacts": [
                {"id": "biuro", "name": "Biuro projektu", "email": "biuro@example.pl", "role": "biuro projektu"},
                {
                    "id": "koordynator",
                    "name": "Koordynator Programu",
                    "email": "koordynator@example.pl",
                    "phone": "+48 500 000 000",
                    "role": "koordynator merytoryczny",
                },
            ],
            "mail": {
                "smtp_host": "smtp.example.invalid",
                "smtp_port": 587,
                "smtp_security": "starttls",
                "from_contact": "biuro",
            },
        }
    }


def _venues() -> list[dict[str, Any]]:
    venues = []
    for index, (city, locative) in enumerate(CAPITALS):
        venues.append(
            {
                "id": f"centrum-{slug(city)}",
                "name": f"Centrum Konferencyjne {city}",
                "name_locative": "Centrum Konferencyjnym",
                "city_locative": locative,
                "address": {
                    "street": f"ul. Szkolna {index + 1}",
                    "postcode": f"{10 + index * 5:02d}-{100 + index:03d}",
                    "city": city,
                },
                "phone": f"+48 22 {100 + index:03d} 00 00",
                "email": f"recepcja.{slug(city)}@example.pl",
                "parking": "bezpłatny parking przy centrum",
                "geo": {"lat": 50.0 + index * 0.2, "lon": 15.0 + index * 0.5},
                "capacity": VENUE_CAPACITY,
                "rooms": {"2-osobowy": 90, "1-osobowy": 20},
            }
        )
    venues.append(
        {
            "id": "centrum-krajowe",
            "name": "Krajowe Centrum Konferencyjne",
            "name_locative": "Krajowym Centrum Konferencyjnym",
            "city_locative": "Warszawie",
            "address": {"street": "ul. Konferencyjna 1", "postcode": "00-950", "city": "Warszawa"},
            "capacity": 600,
            "rooms": {"2-osobowy": 300},
        }
    )
    return venues


def generate(scale: float, out: Path, *, seed: int = 2026) -> dict[str, Any]:
    """Write the project into `out` (which must be empty or a previous output) and describe it."""
    if out.exists() and any(out.iterdir()):
        if not (out / MANIFEST).is_file():
            raise SystemExit(f"{out} is not empty and was not written by this generator: pick another --out")
        shutil.rmtree(out)
    out.mkdir(parents=True, exist_ok=True)
    rng = random.Random(f"{seed}:{scale}")
    days = _Days()
    size = counts(scale)

    _write(
        out / "programme.yaml",
        "Synthetic programme for benchmarks; every person in it is fictitious.\n",
        _dump(_programme()),
    )
    # The example's stand-in logo: a programme with a funding text carries the marking (W121).
    (out / LOGO).parent.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(Path(__file__).resolve().parent.parent / "events" / LOGO, out / LOGO)
    venues = _venues()
    _write(out / "venues.yaml", "Venues (fictitious).", "\n" + _dump({"venues": venues}))

    networks = []
    for kind, kind_slug, _ in KINDS:
        for voivodeship in VOIVODESHIPS:
            networks.append(
                {
                    "id": f"{kind_slug}-{slug(voivodeship)}",
                    "name": f"JST_{kind.upper()} ({voivodeship})",
                    "jst_kinds": [kind],
                    "moderator": f"{rng.choice(FIRST_NAMES)} {rng.choice(SURNAMES)}",
                    "platform": "https://sieci.example.pl",
                }
            )
    _write(
        out / "networks.yaml",
        "Cooperation networks: one per JST kind and voivodeship.",
        "\n" + _dump({"networks": networks}),
    )

    expert_count = max(4, size["units"] // 25)
    experts = [
        {
            "id": f"ekspert-{i + 1:03d}",
            "name": f"{rng.choice(FIRST_NAMES)} {rng.choice(SURNAMES)}",
            "email": f"ekspert.{i + 1:03d}@example.pl",
        }
        for i in range(expert_count)
    ]
    _write(out / "experts.yaml", "Expert mentors and trainers (fictitious).", "\n" + _dump({"experts": experts}))

    # Units: kinds in turn, so that every track has the same share of the country.
    places = _place_names(rng, size["units"])
    units: list[dict[str, Any]] = []
    for i in range(size["units"]):
        kind, kind_slug, prefix = KINDS[i % 4]
        voivodeship = VOIVODESHIPS[(i // 4) % len(VOIVODESHIPS)]
        units.append(
            {
                "id": f"jst-{i + 1:04d}",
                "name": f"{prefix} {places[i]}",
                "kind": kind,
                "voivodeship": voivodeship,
                "mentor": experts[i % expert_count]["id"],
                "network": f"{kind_slug}-{slug(voivodeship)}",
            }
        )
    for voivodeship in VOIVODESHIPS:
        rows = [u for u in units if u["voivodeship"] == voivodeship]
        if rows:
            _write(
                out / "units" / f"{slug(voivodeship)}.yaml",
                f"JST of the voivodeship {voivodeship}.",
                _dump({"units": rows}, flow=None),
            )

    participants: list[dict[str, Any]] = []
    track_of: list[int] = []
    for j in range(size["participants"]):
        unit_index = j % size["units"]
        unit = units[unit_index]
        first, last = rng.choice(FIRST_NAMES), rng.choice(SURNAMES)
        person: dict[str, Any] = {
            "id": f"uczestnik-{j + 1:05d}",
            "name": f"{first} {last}",
            "unit": unit["id"],
            "role": rng.choice(ROLES),
            "email": f"{slug(first)}.{slug(last)}.{j + 1}@example.pl",
            "phone": f"+48 5{rng.randrange(10, 99)} {rng.randrange(100, 999)} {rng.randrange(100, 999)}",
            "network": unit["network"],
        }
        diet = rng.choice(DIETS)
        if diet != "standardowa":
            person["diet"] = diet
        participants.append(person)
        track_of.append(unit_index % 4)
    by_voivodeship: dict[str, list[dict[str, Any]]] = {}
    for person, unit_index in zip(participants, (j % size["units"] for j in range(len(participants))), strict=True):
        by_voivodeship.setdefault(units[unit_index]["voivodeship"], []).append(person)
    for voivodeship, rows in by_voivodeship.items():
        _write(
            out / "participants" / f"{slug(voivodeship)}.yaml",
            f"Participants from {voivodeship} (fictitious people).",
            _dump({"participants": rows}),
        )

    pools = [[p["id"] for p, t in zip(participants, track_of, strict=True) if t == track] for track in range(4)]
    big_size = min(BIG_EVENT_SIZE, len(participants))
    track_events = size["events"] - 1
    # Registration counts per event: around the average, summing to the target where pools allow.
    weights = [rng.uniform(0.7, 1.3) for _ in range(track_events)]
    budget = max(0, size["registrations"] - big_size)
    sizes = [int(budget * w / sum(weights)) for w in weights]
    for i in range(budget - sum(sizes)):
        sizes[i % track_events] += 1
    sizes = [max(1, min(n, EVENT_CAP, len(pools[e % 4]))) for e, n in enumerate(sizes)]

    events: list[dict[str, Any]] = []
    cursor = [FIRST_DAY - dt.timedelta(days=1)] * 4
    counters = [0, 0, 0, 0]
    for e in range(track_events):
        track = e % 4
        counters[track] += 1
        n = counters[track]
        kind, kind_slug, _ = KINDS[track]
        module = n % 4 == 1
        start, end = days.span(cursor[track], 2 if module else 1)
        cursor[track] = end + dt.timedelta(days=1)  # a free day between two events of a track
        track_networks = [f"{kind_slug}-{slug(v)}" for v in VOIVODESHIPS]
        registered = rng.sample(pools[track], sizes[e])
        if module:
            events.append(
                _module(
                    rng,
                    f"modul-{kind_slug}-{n:03d}",
                    kind,
                    start,
                    end,
                    track_networks,
                    rng.choice(venues[:-1])["id"],
                    registered,
                    experts,
                )
            )
        else:
            network = track_networks[(n // 4) % len(track_networks)]
            online = n % 5 == 0
            unit_ids = sorted({participants[int(p.split("-")[1]) - 1]["unit"] for p in registered})
            events.append(
                _meeting(
                    rng,
                    f"spotkanie-{kind_slug}-{n:03d}",
                    kind,
                    start,
                    network,
                    None if online else rng.choice(venues[:-1])["id"],
                    registered,
                    unit_ids,
                )
            )
    start, end = days.span(max(cursor), 2)
    big = _module(
        rng,
        BIG_EVENT,
        "konferencja",
        start,
        end,
        [],
        "centrum-krajowe",
        sorted(rng.sample([p["id"] for p in participants], big_size)),
        experts,
    )
    big["title"] = "Krajowa konferencja programu"
    events.append(big)

    # Communiqué numbers in the order of the events, as a coordinator would give them.
    events.sort(key=lambda ev: (ev["event"]["dates"]["start"], ev["event"]["id"]))
    for number, ev in enumerate(events, start=1):
        # Placed after `number:`, where a coordinator writes it.
        ordered: dict[str, Any] = {}
        for key, value in ev["event"].items():
            ordered[key] = value
            if key == "number":
                ordered["communique"] = number
        ev["event"] = ordered
        folder = "modules" if ev["event"]["kind"] == "module" else "meetings"
        registrations = ev.pop("registrations")
        text = (
            _dump({"event": ev["event"]}) + "  registrations:\n" + "".join(f"    - {line}\n" for line in registrations)
        )
        _write(out / folder / f"{ev['event']['id']}.yaml", f"{ev['event']['title']} (synthetic).", text)

    manifest = {
        "scale": scale,
        "seed": seed,
        "today": TODAY,
        "units": len(units),
        "participants": len(participants),
        "events": len(events),
        "registrations": sum(ev["count"] for ev in events),
        "mail_event": BIG_EVENT,
        "mail_recipients": big_size,
        "build_event": next(
            ev["event"]["id"] for ev in events if ev["event"]["kind"] == "module" and ev["event"]["id"] != BIG_EVENT
        ),
        "files": sum(1 for _ in out.rglob("*.yaml")),
        "bytes": sum(p.stat().st_size for p in out.rglob("*.yaml")),
    }
    (out / MANIFEST).write_text(json.dumps(manifest, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    return manifest


def _flow(items: list[str]) -> str:
    return "[" + ", ".join(items) + "]"


def _module(
    rng: random.Random,
    event_id: str,
    kind: str,
    start: dt.date,
    end: dt.date,
    networks: list[str],
    venue: str,
    registered: list[str],
    experts: list[dict[str, Any]],
) -> dict[str, Any]:
    activity = "spacer"
    event: dict[str, Any] = {
        "id": event_id,
        "kind": "module",
        "number": int(event_id.rsplit("-", 1)[-1]) if event_id[-1].isdigit() else 1,
        "title": f"Moduł szkoleniowy – {kind}",
        "communique_title": "program dla jednostek samorządu terytorialnego",
        "mode": "onsite",
        "venue": venue,
        "networks": networks,
        "dates": {"start": start, "end": end},
        "schedule": {"check_in": "9:30", "start": "11:00", "end": "14:00", "closing_meal": "lunch"},
        "accommodation": {"room_size": 2, "meals": True, "extras": ["materiały szkoleniowe"]},
        "transport": {
            "own_car": True,
            "coach": {
                "pickup_place": "parking przy dworcu głównym",
                "pickup_time": "9:00",
                "return_dropoff": "dworzec główny",
                "signup": {
                    "deadline": dt.datetime.combine(start - dt.timedelta(days=5), dt.time(16, 0)),
                    "contact": "koordynator",
                },
            },
        },
        "tasks": [
            {
                "number": 1,
                "intro": "Przygotujcie krótką diagnozę zasobów oświatowych swojej JST.",
                "areas": ["Zasoby ludzkie", "Infrastruktura", "Środki finansowe"],
                "presentation_minutes": 10,
                "due": start - dt.timedelta(days=2),
                "submit_to": "koordynator",
            }
        ],
        "notices": ["Prosimy o zabranie wyników zadania wdrożeniowego."],
        "activities": [
            {
                "id": activity,
                "title": "spacer po mieście",
                "date": start,
                "time": "18:30",
                "departure": "Wyjazd spod hotelu",
                "signup": {"deadline": start - dt.timedelta(days=3), "contact": "koordynator"},
            }
        ],
        "agenda": [
            {"title": "Plan rozwoju oświaty", "items": ["diagnoza", "cele", "monitorowanie"]},
            {"title": "Współpraca w sieci", "items": ["kontrakt", "dobre praktyki"]},
        ],
        "trainers": [experts[rng.randrange(len(experts))]["id"]],
    }
    lines = []
    for pid in registered:
        fields = [f"participant: {pid}"]
        if rng.random() < 0.3:
            fields.append("coach: true")
        if rng.random() < 0.4:
            fields.append(f"activities: {_flow([activity])}")
        if rng.random() < 0.7:
            fields.append(f"nights: {_flow([start.isoformat()])}")
        lines.append("{ " + ", ".join(fields) + " }")
    return {"event": event, "registrations": lines, "count": len(lines)}


def _meeting(
    rng: random.Random,
    event_id: str,
    kind: str,
    day: dt.date,
    network: str,
    venue: str | None,
    registered: list[str],
    unit_ids: list[str],
) -> dict[str, Any]:
    event: dict[str, Any] = {
        "id": event_id,
        "kind": "meeting",
        "number": int(event_id.rsplit("-", 1)[-1]),
        "title": f"Spotkanie sieci współpracy – {kind}",
        "mode": "online" if venue is None else "onsite",
    }
    if venue is None:
        event["online_link"] = f"https://spotkania.example.pl/{event_id}"
    else:
        event["venue"] = venue
    event.update(
        {
            "networks": [network],
            "dates": {"start": day, "end": day},
            "schedule": {"start": "10:00", "end": "15:00"},
            "aims": ["Wymiana doświadczeń z wdrażania planów rozwoju oświaty."],
            "agenda": [{"title": "Co w trawie piszczy", "items": ["postępy zadań", "pytania do ekspertów"]}],
            "units_attending": unit_ids,
            "deadlines": [
                {
                    "id": "potwierdzenie",
                    "title": "Potwierdzenie udziału",
                    "at": day - dt.timedelta(days=7),
                    "contact": "biuro",
                }
            ],
        }
    )
    lines = [f"{{ participant: {pid} }}" for pid in registered]
    return {"event": event, "registrations": lines, "count": len(lines)}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Generate a synthetic jstevents project for benchmarks.")
    parser.add_argument(
        "--scale",
        type=float,
        default=1.0,
        help="1.0 = 2,800 JST, 8,400 people, 600 events, 50,000 registrations [default: 1.0]",
    )
    parser.add_argument("--out", type=Path, required=True, help="Folder to write (empty, or a previous output).")
    parser.add_argument("--seed", type=int, default=2026, help="Random seed [default: 2026].")
    args = parser.parse_args(argv)
    if args.scale <= 0:
        parser.error("--scale must be positive")
    manifest = generate(args.scale, args.out, seed=args.seed)
    print(
        f"{args.out}: {manifest['units']} units, {manifest['participants']} participants, "
        f"{manifest['events']} events, {manifest['registrations']} registrations in {manifest['files']} files "
        f"({manifest['bytes'] / 1e6:.1f} MB)"
    )
    print(
        f"mail benchmark event: {manifest['mail_event']} ({manifest['mail_recipients']} recipients); "
        f"build benchmark event: {manifest['build_event']}"
    )
    print(f"validate with: jstevents validate --project {args.out} --today {TODAY}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
