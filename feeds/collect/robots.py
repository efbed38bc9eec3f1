"""robots.txt rules (RFC 9309), with the `*` and `$` path patterns the RFC allows.

The standard library's `urllib.robotparser` matches paths literally, so a rule such as
`Disallow: /*?view=renderPrint` (seen on GSB sites) would never apply; this module
implements the matching the RFC describes: the longest matching rule wins, and `Allow`
wins a tie.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from urllib.parse import urlsplit


@dataclass(frozen=True)
class Rule:
    allow: bool
    pattern: str

    def matches(self, path: str) -> bool:
        return _compile(self.pattern).match(path) is not None


@dataclass(frozen=True)
class RobotsRules:
    """The rules of one robots.txt that apply to one user-agent token."""

    rules: tuple[Rule, ...] = ()

    def allows(self, url: str) -> bool:
        parts = urlsplit(url)
        path = parts.path or "/"
        if parts.query:
            path += "?" + parts.query
        if path == "/robots.txt":
            return True
        best: Rule | None = None
        for rule in self.rules:
            if not rule.pattern or not rule.matches(path):
                continue
            if best is None or len(rule.pattern) > len(best.pattern) or (
                    len(rule.pattern) == len(best.pattern) and rule.allow and not best.allow):
                best = rule
        return best is None or best.allow


ALLOW_ALL = RobotsRules()
DISALLOW_ALL = RobotsRules((Rule(False, "/"),))


def parse_robots(text: str, agent: str) -> RobotsRules:
    """The rules for `agent` (a product token such as "clusterfeeds"): its own group, else `*`."""
    groups: list[tuple[list[str], list[Rule]]] = []
    agents: list[str] = []
    rules: list[Rule] = []
    in_rules = False
    for raw in text.splitlines():
        line = raw.split("#", 1)[0].strip()
        if ":" not in line:
            continue
        name, value = (part.strip() for part in line.split(":", 1))
        name = name.lower()
        if name == "user-agent":
            if in_rules:
                groups.append((agents, rules))
                agents, rules, in_rules = [], [], False
            agents.append(value.lower())
        elif name in ("allow", "disallow") and agents:
            in_rules = True
            rules.append(Rule(name == "allow", value))
    if agents:
        groups.append((agents, rules))
    agent = agent.lower()
    own = [r for names, group in groups if any(n != "*" and n in agent for n in names) for r in group]
    if own:
        return RobotsRules(tuple(own))
    return RobotsRules(tuple(r for names, group in groups if "*" in names for r in group))


def _compile(pattern: str) -> re.Pattern[str]:
    anchored = pattern.endswith("$")
    body = pattern[:-1] if anchored else pattern
    regex = ".*".join(re.escape(piece) for piece in body.split("*"))
    return re.compile(regex + ("$" if anchored else ""))
