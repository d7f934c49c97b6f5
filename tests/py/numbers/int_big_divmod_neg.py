# divmod identities hold for big operands with mixed signs
vals = [2 ** 65 + 3, -(2 ** 65 + 3), 3 ** 41, -(3 ** 41), 7, -7]
for a in vals:
    for b in vals:
        q, r = divmod(a, b)
        ok = q * b + r == a and (r == 0 or (r > 0) == (b > 0)) and abs(r) < abs(b)
        print(q, r, ok)
