# isdigit, isalpha, isspace, isupper, islower on ASCII samples
samples = ['abc', 'ABC', 'Abc', '123', 'a1', ' ', ' \t\n', '', 'ABC1', 'abc!', 'HELLO WORLD', 'hello world', '12 3']
for s in samples:
    print(repr(s), s.isdigit(), s.isalpha(), s.isspace(), s.isupper(), s.islower())
print([c for c in 'aB3 _\t!' if c.isalpha()], [c for c in 'aB3 _\t!' if c.isdigit()], [c for c in 'aB3 _\t!' if c.isspace()])
print('HELLO123'.isupper(), 'hello123'.islower(), '123'.isupper(), 'Hello'.isupper(), 'Hello'.islower())
print(sum(1 for c in 'Hello World 2024' if c.isupper()), sum(c.isdigit() for c in 'a1b22c333'))
