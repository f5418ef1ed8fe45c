"""Driving the anonymous form like a browser: read the challenge, compute the proof of work."""

import re

from django.test import Client
from django.urls import reverse

from srohub.tips import antiabuse


def report_url(program) -> str:
    return reverse("tips:report", args=[program.slug])


def solved_form(client: Client, program, **fields) -> dict:
    """The form's fields with a fresh challenge and its proof of work, as the page's script sends them."""
    page = client.get(report_url(program)).text
    challenge = re.search(r'name="challenge" value="([^"]+)"', page).group(1)
    bits = int(re.search(r'data-bits="(\d+)"', page).group(1))
    data = {
        "narrative": "Someone is selling vapes in the north washroom every lunch.",
        "in_danger": "no",
        "category": "drugs",
        "school_text": "",
        "website": "",
        "challenge": challenge,
        "nonce": antiabuse.solve(challenge, bits),
    }
    data.update(fields)
    return data


def submit(client: Client, program, **fields):
    return client.post(report_url(program), solved_form(client, program, **fields))


def number_and_passcode(response) -> tuple[str, str]:
    found = re.findall(r'<strong class="code"[^>]*>([^<]+)</strong>', response.text)
    return found[0], found[1]
