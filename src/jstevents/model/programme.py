"""The programme: who runs it, who pays for it, whom to write to."""

from __future__ import annotations

from typing import Literal

from pydantic import Field

from jstevents.model.values import Email, Id, Line, Link, Phone, Strict


class Contact(Strict):
    """A person participants may write to (the coordinator, the office)."""

    id: Id
    name: Line
    email: Email
    phone: Phone | None = None
    role: Line | None = None


class Funding(Strict):
    """The EU funding marking every document must carry."""

    text: str
    logos: list[str] = Field(default_factory=list, description="Image files, relative to the project folder.")
    footer: str | None = Field(None, description="A closing line printed under the marking.")


class MailSettings(Strict):
    """SMTP defaults; the password never lives in YAML."""

    smtp_host: str | None = None
    smtp_port: int | None = Field(None, ge=1, le=65535)
    smtp_security: Literal["none", "starttls", "ssl"] = "starttls"
    smtp_user: str | None = None
    from_contact: Id | None = Field(None, description="Contact id used as From and Reply-To.")


class Programme(Strict):
    id: Id
    title: Line
    short_title: Line
    organiser: Line
    organiser_short: Line | None = None
    partners: list[Line] = Field(default_factory=list)
    #: How the communiqué names the partnership, e.g. "w partnerstwie ze Związkiem Miast Polskich".
    partnership: str | None = None
    funding: Funding
    timezone: str = "Europe/Warsaw"
    signature: Line = "Zespół projektu"
    contacts: list[Contact] = Field(min_length=1)
    website: Link | None = None
    mail: MailSettings = Field(default_factory=MailSettings)
