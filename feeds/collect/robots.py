"""robots.txt rules (RFC 9309), with the `*` and `$` path patterns the RFC allows.

The standard library's `urllib.robotparser` matches paths literally, so a rule such as
`Disallow: /*?view=renderPrint` (seen on GSB sites) would never apply; this module
implements the matching the RFC describes: the longest matching rule wins, and `Allow`
wins a tie.

Wildcards are matched by one left-to-right scan, never by a backtracking regex: a rule
such as `/*a*a*a*a*a*a*a*a*X` compiled to `.*a.*a…` takes exponential time on a long path,
holding the GIL. A `*`-only pattern (no `?` or classes) matches when its literal pieces
occur in order, so finding each piece at its leftmost position after the previous one is
both correct and linear: the scan never moves backwards.
"""

from __future__ import annotations

from dataclasses import dataclass
from urllib.parse import urlsplit


@dataclass(frozen=True)
class Rule:
    allow: bool
    pattern: str

    def matches(self, path: str) -> bool:
        return wildcard_match(self.pattern, path)


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


def wildcard_match(pattern: str, path: str, scanned: list[int] | None = None) -> bool:
    """Whether `path` starts with `pattern` (RFC 9309 §2.2.3: `*` any characters, a final `$` the end).

    Linear in `len(path)` plus `len(pattern)`: each literal piece is searched for once, from
    where the previous piece ended. When `scanned` is given, the number of path characters
    each search covered is appended to it (tests bound the work with it).
    """
    anchored = pattern.endswith("$")
    pieces = (pattern[:-1] if anchored else pattern).split("*")
    first, rest = pieces[0], pieces[1:]
    if not path.startswith(first):
        return False
    position = len(first)
    for index, piece in enumerate(rest):
        last = index == len(rest) - 1
        if last and anchored:
            # The last piece must end the path: it matches at the end, if the scan has not passed it.
            start = len(path) - len(piece)
            _count(scanned, len(piece))
            return start >= position and path.endswith(piece)
        found = path.find(piece, position)
        _count(scanned, (found if found >= 0 else len(path)) + len(piece) - position)
        if found < 0:
            return False
        position = found + len(piece)
    return not anchored or position == len(path)


def _count(scanned: list[int] | None, characters: int) -> None:
    if scanned is not None:
        scanned.append(max(0, characters))
