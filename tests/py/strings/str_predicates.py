# isdigit, isalpha, isspace, isupper, islower on ASCII samples
samples = ['abc', 'ABC', 'Abc', '123', 'a1', ' ', ' \t\n', '', 'ABC1', 'abc!', 'HELLO WORLD', 'hello world', '12 3']
for s in samples:
    print(repr(s), s.isdigit(), s.isalpha(), s.isspace(), s.isupper(), s.islower())
