# append, extend and += grow a bytearray in place
ba = bytearray(b'abc')
alias = ba
ba.append(100)
print(ba)
ba.extend(b'ef')
ba.extend([103, 104])
ba.extend(bytearray(b'i'))
print(ba)
ba += b'XY'
print(ba, alias is ba, len(alias))
ba[0] = ba[-1]
print(ba)
for i in range(3):
    ba.append(48 + i)
print(ba, bytes(ba[-3:]))
try:
    ba.append(256)
except ValueError as e:
    print(type(e).__name__)
