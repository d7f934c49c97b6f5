# string literal forms and escapes
print('single', "double", '''triple
quoted''', """also triple""")
print(r'raw\n\t', R'\x41', len(r'\n'))
print('\x41\x42', '\u00e9', '\U0001F600', '\101', '\0' == '\x00')
print('tab:\t|', 'quote:\'', "dq:\"", 'bs:\\')
print('implicit' ' concat' " works")
s = 'line1\
 continued'
print(s)
print(len('\n'), len('\\n'), len('é'), len('\U0001F600'))
