# integer presentation types
for n in (0, 10, 255, -255, 65):
    print('{:d} {:b} {:o} {:x} {:X} {:#b} {:#o} {:#x} {:#X}'.format(n, n, n, n, n, n, n, n, n))
print('{:c}{:c}{:c}'.format(72, 105, 9731))
print('{:08b} {:#010b} {:>#8x} {:^#10o}'.format(5, 5, 255, 8))
print('{:d}'.format(True), '{:x}'.format(2 ** 64), '{:,d}'.format(-(2 ** 40)))
print('{:e} {:.2f} {:%}'.format(12, 3, 1))
try:
    '{:d}'.format(1.5)
except ValueError as e:
    print(type(e).__name__)
