# Every binary operator on small ints (including the ones not inlined in the
# interpreter loop): shifts, floor division and modulo with signs, true division,
# powers, and their errors.
vals = [0, 1, -1, 2, -2, 3, 7, -7, 30, 31, 62, 63, 64, 100, -100, 12345, -12345, 1073741823, -1073741824]
import sys
out = []
for x in vals:
    for y in vals:
        row = [x >> y if y >= 0 else "VE", x << y if 0 <= y <= 64 else "skip"]
        if y != 0:
            row += [x // y, x % y, divmod(x, y), round(x / y, 12)]
        else:
            row += ["ZD"]
        if 0 <= y <= 20:
            row.append(x ** y)
        elif -3 <= y < 0 and x != 0:
            row.append(round(x ** y, 12))
        out.append(row)
h = 0
for r in out:
    h = (h * 31 + hash(str(r))) % 1000000007 if False else h
print(len(out))
for r in out[::37]:
    print(r)
for op in ["x >> -1", "x << -1", "x // 0", "x % 0", "x / 0", "0 ** -1"]:
    try:
        x = 5
        eval(op)
    except (ValueError, ZeroDivisionError) as e:
        print(op, type(e).__name__, e)
print(1 << 40, -1 << 70, (1 << 62) >> 61, 7 >> 100, -7 >> 100, 2 ** 31, (-2) ** 63, 3 ** 40)
print(17 // -5, -17 // 5, 17 % -5, -17 % 5, 7 / 2, -7 / 2, 1 / 3, 2 ** -2)
