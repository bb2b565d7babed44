"""The programme: who runs it, who pays for it, whom to write to."""

from __future__ import annotations

from typing import Literal

from pydantic import Field

from jstevents.model.survey import SurveySettings
from jstevents.model.values import Email, Id, Line, Link, Phone, Strict


class Contact(Strict):
    """A person participants may write to (the coordinator, the office)."""

    id: Id = Field(
        description="A short name you choose for this contact, used to point at them from elsewhere in the "
        "files (a sign-up's `contact`, a task's `submit_to`, a deadline's `contact`, `mail.from_contact`). "
        'Letters, digits, "-", "_" or ".", starting with a letter or digit, e.g. "piotr-matuszak".'
    )
    name: Line = Field(
        description='First name and surname, e.g. "Piotr Matuszak". Printed in the contact line of calendar '
        "entries; for the contact the e-mails are sent from, also the sender's name of the e-mails and the "
        "organiser of calendar entries."
    )
    email: Email = Field(
        description='E-mail address, e.g. "piotr.matuszak@ore.edu.pl". The communiqué gives it as the address '
        "to send sign-ups to (coach, activities, deadlines) when this person is named as the contact; the e-mails "
        "are sent from it when this is the sending contact."
    )
    phone: Phone | None = Field(
        None,
        description='Phone number, e.g. "+48 511 49 49 49". Optional; when given, it is shown in the contact lines '
        "of calendar entries.",
    )
    role: Line | None = Field(
        None,
        description='What the person does in the programme, e.g. "koordynator merytoryczny". Optional; kept for '
        "reference, the standard documents do not print it.",
    )


class Funding(Strict):
    """The EU funding marking every document must carry."""

    text: str = Field(
        description='The funding statement required by the EU funds, written out in full ("Projekt … '
        'współfinansowany przez Unię Europejską …"). Printed at the foot of every communiqué, on the attendance '
        "list and on the overview page of a built event."
    )
    logos: list[str] = Field(
        default_factory=list,
        description='Image files of the funding logos, given relative to the project folder, e.g. "logos/ue.png". '
        "Printed on the attendance list. Optional; each file must exist inside the project folder (E114, E130) "
        "and be a PNG, JPEG or GIF image (E131).",
    )
    footer: str | None = Field(
        None,
        description="A closing line printed under the funding statement in communiqués and on the attendance "
        "list. Optional; left out, nothing is printed there.",
    )


class MailSettings(Strict):
    """Settings for sending communiqués by e-mail (`jstevents mail`). The password is never written here:
    jstevents takes it from the environment variable JSTEVENTS_SMTP_PASSWORD or asks for it."""

    smtp_host: str | None = Field(
        None,
        description='Name of the outgoing mail server (SMTP), e.g. "smtp.example.pl". Optional here, but it '
        "must be given either here or with --smtp-host when sending.",
    )
    smtp_port: int | None = Field(
        None,
        ge=1,
        le=65535,
        description="Port number of the mail server (1–65535), e.g. 587. Optional; left out, it follows from "
        "`smtp_security`: 587 for starttls, 465 for ssl, 25 for none.",
    )
    smtp_security: Literal["none", "starttls", "ssl"] = Field(
        "starttls",
        description='How the connection to the mail server is protected: "starttls" (the default), "ssl", or '
        '"none" (unprotected; only for a test server). Your mail provider says which one to use.',
    )
    smtp_user: str | None = Field(
        None,
        description="User name for logging in to the mail server, often your e-mail address. Optional; when it "
        "is set, jstevents asks for the password if JSTEVENTS_SMTP_PASSWORD is not set.",
    )
    from_contact: Id | None = Field(
        None,
        description="The id of the contact (from `contacts`) whose name and address the e-mails are sent from "
        "(From and Reply-To) and who is named as organiser in calendars. Optional; left out, the first contact "
        "is used.",
    )


class Completion(Strict):
    """When a person has completed an event: the share of its hours they were present for. Read by
    `jstevents attendance summary`, the certificates and the report."""

    share: int = Field(
        80,
        ge=1,
        le=100,
        description="The least share of the event's hours, in per cent, a person must be recorded present "
        "for to have completed it: 80 (the default) means at least 80 % of the hours. The hours of a day "
        "come from the event's `hours`, else from its schedule.",
    )
    online_minutes: int | None = Field(
        None,
        ge=1,
        le=1440,
        description="For an online event whose attendance is read from the meeting platform's participant "
        "report: the least minutes a person must be logged in on a day for that day to count, e.g. 180. "
        "Optional; left out, the same share (`share`) of the day's hours.",
    )


class Certificates(Strict):
    """The certificates (zaświadczenia) issued to the people who completed an event
    (`jstevents certificates`)."""

    number: str = Field(
        "{year}/{event}/{n:03}",
        description='The pattern of a certificate\'s number, e.g. "ORE/{year}/{event}/{n:03}": {year} is the '
        "year the event ends, {event} its id, {programme} the programme's id, and {n} (required) the next "
        "number, counted per event when the pattern has {event}, else per year when it has {year}, else "
        "across the programme; {n:03} writes it with three digits (001). A number once given is kept in "
        "the ledger `.jstevents/certificates.json` and never given again.",
    )
    place: Line = Field(description='Where the certificates are issued, printed before the date: "Warszawa".')
    signatory: Line = Field(description='Who signs the certificates, e.g. "dr Jan Kowalski".')
    signatory_role: Line | None = Field(
        None,
        description='What the signatory is, printed under the name, e.g. "Dyrektor Ośrodka Rozwoju Edukacji". '
        "Optional.",
    )
    personal_fields: list[Literal["birth_date", "birth_place"]] = Field(
        default_factory=list,
        description='Personal data printed on every certificate: "birth_date" (data urodzenia), "birth_place" '
        "(miejsce urodzenia). Never written in the project's YAML: read from `.jstevents/personal.yaml`, "
        'which git ignores (see the manual, "After the event"). Optional; left out, none.',
    )


class Programme(Strict):
    """The programme as a whole: its names, organiser, partners, funding marking and contacts. Written
    exactly once in the project."""

    id: Id = Field(
        description='A short name you choose for the programme, e.g. "ore-jst". It becomes part of the '
        "identifiers of calendar entries and e-mails, so keep it unchanged once calendars have been sent."
    )
    title: Line = Field(
        description="The full official title of the project, in the nominative as it is officially written. "
        'The communiqué quotes it after "w ramach projektu": "… organizowanego w ramach projektu „Wsparcie '
        'kadry jednostek samorządu terytorialnego …”". Also printed at the top of attendance and other lists '
        "and of the overview page."
    )
    short_title: Line = Field(
        description='A short name of the programme, starting with a small letter, read after "Komunikat nr 3 – " '
        'in the heading and e-mail subject of a communiqué: "Komunikat nr 3 – pilotaż dla jednostek samorządu '
        'terytorialnego" (nominative). Used when the event has no `communique_title`. Also the name of the '
        "calendar in calendar programs."
    )
    organiser: Line = Field(
        description='The institution running the project. The communiqué puts it after "realizowanego przez", '
        'so it must read in the accusative ("… realizowanego przez Ośrodek Rozwoju Edukacji"); the footer '
        'also prints it after "Organizator:" ("Organizator: Ośrodek Rozwoju Edukacji"). For most names such as '
        '"Ośrodek …", "Instytut …" or "Związek …" both forms are the same.'
    )
    organiser_short: Line | None = Field(
        None,
        description='A short name or acronym of the organiser, e.g. "ORE". Used as a category of calendar '
        "entries. Optional; left out, the full `organiser` is used.",
    )
    partners: list[Line] = Field(
        default_factory=list,
        description='The partner institutions, each a name in the nominative, e.g. "Związek Miast Polskich". '
        'Listed in the footer of the communiqué after "partner:" (or "partnerzy:" for several): '
        '"Organizator: Ośrodek Rozwoju Edukacji; partner: Związek Miast Polskich." Optional.',
    )
    partnership: str | None = Field(
        None,
        description="A whole phrase naming the partnership, written as it should appear right after the "
        'organiser in the invitation sentence, starting with a small letter and without a full stop: "w '
        'partnerstwie ze Związkiem Miast Polskich" (the partner in the instrumental after "z"/"ze"), giving '
        '"… realizowanego przez Ośrodek Rozwoju Edukacji w partnerstwie ze Związkiem Miast Polskich." '
        "Optional; left out, the sentence ends after the organiser.",
    )
    funding: Funding = Field(
        description="The EU funding marking (statement, logos and closing line) printed on communiqués and lists."
    )
    timezone: str = Field(
        "Europe/Warsaw",
        description='The time zone in which all dates and times are meant, as a name such as "Europe/Warsaw" (the '
        "default). Used for calendar entries and for the date of the e-mails.",
    )
    signature: Line = Field(
        "Zespół projektu",
        description="Who signs the communiqués, printed on a line of its own under the closing words, in the "
        'nominative, e.g. "Zespół projektu" (the default).',
    )
    contacts: list[Contact] = Field(
        min_length=1,
        description="The people participants may write to: at least one. Unless `mail.from_contact` says "
        "otherwise, the first one is the sender of the e-mails. All of them are listed in the contact line of "
        "calendar entries.",
    )
    website: Link | None = Field(
        None,
        description='The programme\'s web page, starting with https:// or http://, e.g. "https://www.ore.edu.pl". '
        "Optional; kept for reference, the standard documents do not print it.",
    )
    completion: Completion = Field(
        default_factory=Completion,
        description="When a person has completed an event (at least 80 % of its hours, unless set otherwise). "
        "Optional.",
    )
    certificates: Certificates | None = Field(
        None,
        description="The certificates (zaświadczenia) issued after an event: the number's pattern, the place "
        "of issue, the signatory, the personal fields. Optional; left out, `jstevents certificates` says it "
        "needs them.",
    )
    calendar_url: Link | None = Field(
        None,
        description="Where the folder `kalendarz/` of the build is published on the web, starting with https://, "
        'e.g. "https://szkolenia.example.pl/jst/kalendarz/". With it, the overview page of `build` offers links '
        'that subscribe a calendar program to the feeds ("dodaj do kalendarza": webcal, Google, Outlook); '
        "without it, only links to download them. Optional.",
    )
    mail: MailSettings = Field(
        default_factory=MailSettings,
        description="Settings for sending communiqués by e-mail (mail server, sending contact). Optional; never "
        "holds the password.",
    )
    survey: SurveySettings | None = Field(
        None,
        description="How the evaluation form of the events is read by `jstevents survey import` (its questions, "
        "the scale, answers in words, free-text columns) and how the report words the ratings. Optional; "
        "needed to import a survey.",
    )
