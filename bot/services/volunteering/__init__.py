"""Ehrenamt: organisations publish volunteering opportunities, residents say "I'm interested".

orgs (register, remove) · opportunities (check, publish, close, list for a resident) ·
interests (register one, the card to the organisation's inbox) · export (counts only) ·
files (opportunity.yaml).
"""
