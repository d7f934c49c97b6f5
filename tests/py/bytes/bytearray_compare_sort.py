# comparison and sorting of bytearrays and bytes
items = [bytearray(b'pear'), b'apple', bytearray(b'fig'), b'banana']
print([bytes(x) for x in sorted(items)])
print(bytearray(b'abc') < bytearray(b'abd'), bytearray(b'') == b'', bytearray(b'z') > b'a')
print(max(bytearray(b'\x05\x09\x01')), min(bytearray(b'xyz')))
print(bytearray(b'ab') * 2 == b'abab', len(bytearray(5)))
