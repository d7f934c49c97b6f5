# !r and !s conversions in f-strings
class C:
    def __str__(self):
        return 'C-str'
    def __repr__(self):
        return 'C-repr'
c = C()
s = 'text'
print(f'{c} {c!s} {c!r}', f'{s!r} {s!s}')
print(f'{s!r:>10}|{c!r:*^10}|{c!s:<7}|')
print(f'{[c]}', f'{[c]!s}', f'{(s,)!r}')
