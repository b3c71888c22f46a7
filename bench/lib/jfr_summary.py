#!/usr/bin/env python3
"""Summarises `jfr print --events jdk.ExecutionSample|jdk.ObjectAllocationSample --stack-depth 64`
output read from stdin. CPU samples count one each; allocation samples count their weight (bytes)
and get the allocated class as a leaf frame ("new java.lang.String").

Prints the hottest leaf frames, and per given prefix (package or class name, e.g. io.opentelemetry
dev.eddy.ops dev.eddy.web) the share it owns: a sample belongs to the prefix of the frame nearest
the leaf that matches one (longest prefix first), so JDK code counts for its caller and a
middleware does not own the rest of the pipeline that runs under it.
FOCUS=frame-prefix also prints the callers of those leaf frames; OWNED=prefix where that prefix's
share is spent (owning frame > leaf)."""
import os
import re
import sys
from collections import Counter

prefixes = sys.argv[1:]
focus = os.environ.get('FOCUS')
owned = os.environ.get('OWNED')
frame_re = re.compile(r'^\s+([\w$.<>/]+)\(')
units = {'bytes': 1, 'byte': 1, 'kB': 1e3, 'MB': 1e6, 'GB': 1e9}
total = 0.0
leaf = Counter()
share = Counter()
focus_stacks = Counter()
owned_frames = Counter()


def record(stack, weight, cls):
    global total
    if cls:
        stack = ['new ' + cls] + stack
    if not stack:
        return
    total += weight
    leaf[stack[0]] += weight
    if focus and stack[0].startswith(focus):
        focus_stacks[' < '.join(stack[1:7])] += weight
    owner = 'other'
    for i, f in enumerate(stack):
        if cls and i == 0:
            continue
        hit = [p for p in prefixes if f.startswith(p)]
        if hit:
            owner = max(hit, key=len)
            if owner == owned:
                owned_frames[f + ('' if i == 0 else ' > ' + stack[0])] += weight
            break
    share[owner] += weight


stack = None
weight = 1.0
cls = None
for line in sys.stdin:
    s = line.strip()
    if s.startswith('jdk.'):
        weight, cls = 1.0, None
    elif s.startswith('objectClass = '):
        cls = s.split('=', 1)[1].strip().split(' ')[0]
    elif s.startswith('weight = '):
        num, unit = s.split('=', 1)[1].split()
        weight = float(num.replace(',', '')) * units.get(unit, 1)
    elif 'stackTrace = [' in s:
        stack = []
    elif stack is not None:
        if s == '...':
            continue
        if s.startswith(']'):
            record(stack, weight, cls)
            stack = None
            continue
        m = frame_re.match(line)
        if m:
            stack.append(m.group(1))
if total == 0:
    sys.exit("no samples")
print(f"{total:.0f} {'bytes sampled' if cls else 'samples'}")
for p in prefixes + ['other']:
    print(f"  {share[p] / total:6.1%}  owned by {p}")
print("hottest leaf frames:")
for f, c in leaf.most_common(25):
    print(f"  {c / total:6.1%}  {f}")
if focus:
    print(f"callers of {focus} (FOCUS):")
    for st, c in focus_stacks.most_common(10):
        print(f"  {c / total:6.1%}  {st}")
if owned:
    print(f"where {owned} spends its share (OWNED), owning frame > leaf:")
    for st, c in owned_frames.most_common(25):
        print(f"  {c / total:6.1%}  {st}")
