# encoding/decoding round trips and invalid UTF-8
for s in ('ascii', 'latin é', 'euro €', 'emoji 😀', '\x00\x7f'):
    b = s.encode('utf-8')
    print(len(s), len(b), b.decode('utf-8') == s)
try:
    b'\xff\xfe'.decode('utf-8')
except UnicodeError as e:
    print('decode error', isinstance(e, UnicodeError), isinstance(e, ValueError))
try:
    b'\xc3'.decode()
except UnicodeError as e:
    print('truncated', isinstance(e, UnicodeError))
