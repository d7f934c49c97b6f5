# strip / lstrip / rstrip with default whitespace and explicit chars
s = '  \t hello world \n '
print(repr(s.strip()), repr(s.lstrip()), repr(s.rstrip()))
print('xxhixx'.strip('x'), 'xxhixx'.lstrip('x'), 'xxhixx'.rstrip('x'))
print('abcHELLOcba'.strip('abc'), 'www.example.com'.strip('cmowz.'))
print(repr(''.strip()), repr('   '.strip()), repr('a'.strip('a')))
print('--==x==--'.strip('-='), '123abc321'.rstrip('123'), '0012300'.lstrip('0'))
print(repr('\r\n line \r\n'.strip()), 'éaé'.strip('é'))
