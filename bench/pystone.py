"""pystone-style benchmark for upy.

A Dhrystone-flavoured workload written from scratch for this repository:
a small "record" class that is copied and linked, a handful of procedures
that pass integers, enumeration codes and records around, global variable
reads/writes, a one- and a two-dimensional integer array, character and
string comparisons, and a little string building.

Usage: pystone.py [LOOPS]    (default 420000)
Prints one deterministic checksum line.
"""

import sys

# "Enumeration" codes.
E_ONE = 1
E_TWO = 2
E_THREE = 3
E_FOUR = 4
E_FIVE = 5

MASK = 0xFFFFF


class Rec:
    def __init__(self, link=None, kind=0, code=0, num=0, text=""):
        self.link = link
        self.kind = kind
        self.code = code
        self.num = num
        self.text = text

    def clone(self):
        return Rec(self.link, self.kind, self.code, self.num, self.text)


# Global state, deliberately accessed through `global` like the original.
g_int = 0
g_flag = False
g_ch1 = "\0"
g_ch2 = "\0"
g_arr1 = [0] * 51
g_arr2 = [[0] * 51 for _ in range(51)]
g_rec = None
g_rec_next = None


def step_record(rec):
    # Procedure 1: shuffle fields between a record and a fresh copy.
    nxt = g_rec.clone()
    rec.link = nxt
    rec.num = 5
    nxt.num = rec.num
    nxt.link = rec.link
    nxt.link = step_link(nxt.link)
    if nxt.kind == E_ONE:
        nxt.num = 6
        nxt.code = pick_code(rec.code)
        nxt.link = g_rec.link
        nxt.num = add_bounded(nxt.num, 10)
    else:
        rec = nxt.clone()
    nxt.link = None
    return rec


def bump_down(val):
    # Procedure 2: loop until a matching character is seen.
    loc = val + 10
    while True:
        if g_ch1 == "A":
            loc -= 1
            val = loc - g_int
            code = E_ONE
        else:
            code = E_TWO
        if code == E_ONE:
            break
    return val


def step_link(link):
    # Procedure 3.
    global g_int
    if g_rec is not None:
        link = g_rec.link
    else:
        g_int = 100
    g_rec.num = add_bounded(10, g_int)
    return link


def flags_update():
    # Procedure 4.
    global g_ch2
    ok = g_ch1 == "A"
    ok = ok or g_flag
    g_ch2 = "B"


def flags_reset():
    # Procedure 5.
    global g_ch1, g_flag
    g_ch1 = "A"
    g_flag = False


def pick_code(code):
    # Procedure 6: map one enumeration code onto another.
    out = code
    if not is_three(code):
        out = E_FOUR
    if code == E_ONE:
        out = E_ONE
    elif code == E_TWO:
        out = E_ONE if g_int > 100 else E_FOUR
    elif code == E_THREE:
        out = E_TWO
    elif code == E_FOUR:
        pass
    elif code == E_FIVE:
        out = E_THREE
    return out


def add_bounded(a, b):
    # Procedure 7.
    return b + a + 2


def fill_arrays(arr1, arr2, a, b):
    # Procedure 8: touch a small neighbourhood of the two arrays.
    global g_int
    base = a + 5
    arr1[base] = b
    arr1[base + 1] = arr1[base]
    arr1[base + 30] = base
    row = arr2[base]
    for k in range(base, base + 2):
        row[k] = base
    row[base - 1] += 1
    arr2[base + 20][base] = arr1[base]
    g_int = 5


def char_cmp(c1, c2):
    # Function 1.
    if c1 != c2:
        return E_ONE
    return E_TWO


def str_cmp(s1, s2):
    # Function 2: compare two strings via a character probe.
    idx = 1
    ch = "\0"
    while idx <= 1:
        if char_cmp(s1[idx], s2[idx + 1]) == E_ONE:
            ch = "A"
            idx += 1
    if "W" <= ch <= "Z":
        idx = 7
    if ch == "X":
        return True
    if s1 > s2:
        idx += 7
        return True
    return False


def is_three(code):
    # Function 3.
    return code == E_THREE


def run(loops):
    global g_rec, g_rec_next, g_flag, g_int
    g_rec_next = Rec()
    g_rec = Rec(g_rec_next, E_ONE, E_THREE, 40, "PYSTONE PROGRAM, SOME STRING")
    s1 = "PYSTONE PROGRAM, 1'ST STRING"
    g_arr2[8][7] = 10

    chk = 0
    tag = ""
    for it in range(loops):
        flags_reset()
        flags_update()
        a = 2
        b = 3
        s2 = "PYSTONE PROGRAM, 2'ND STRING"
        code = E_TWO
        g_flag = not str_cmp(s1, s2)
        c = 0
        while a < b:
            c = 5 * a - b
            c = add_bounded(a, b)
            a += 1
        fill_arrays(g_arr1, g_arr2, a, c)
        g_rec = step_record(g_rec)
        ch = "A"
        while ch <= g_ch2:
            if code == char_cmp(ch, "C"):
                code = pick_code(E_ONE)
            ch = chr(ord(ch) + 1)
        c = b * a
        b = c // a
        b = 7 * (c - b) - a
        a = bump_down(a)

        # Extra string work: slice, concatenate, search.
        if it % 16 == 0:
            tag = s2[8:15] + str(it % 97)
            if tag.find("PROG") < 0:
                tag = tag.lower()
        chk = (chk * 31 + a + b + c + code + len(tag)) & MASK

    return a, b, c, code, chk


def main():
    argv = getattr(sys, "argv", [])
    loops = int(argv[1]) if len(argv) > 1 else 420000
    a, b, c, code, chk = run(loops)
    arr_sum = sum(g_arr1) + sum(sum(row) for row in g_arr2)
    print("pystone loops={} a={} b={} c={} code={} g_int={} ch1={} ch2={} rec.num={} arrsum={} chk={}".format(
        loops, a, b, c, code, g_int, g_ch1, g_ch2, g_rec.num, arr_sum, chk))


main()
