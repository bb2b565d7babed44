"""Certificates (zaświadczenia): the ledger of numbers, the documents and the register."""
