# slicing strings with steps and out-of-range bounds
s = 'abcdefghij'
print(s[2:5], s[:3], s[7:], s[:], s[-3:], s[:-3])
print(s[::2], s[1::2], s[::-1], s[::-2], s[8:2:-2], s[-1:-5:-1])
print(repr(s[5:2]), repr(s[100:]), s[-100:3], s[3:100])
print(s[1:9:3], s[9:0:-3], s[0:0], s[::10])
u = 'αβγδε'
print(u[1:4], u[::-1], u[::2], u[-2:])
print(s[slice(1, 4)], s[slice(None, None, -3)])
