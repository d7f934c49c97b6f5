# title and capitalize details on ASCII
for s in ('hello world', 'HELLO WORLD', 'hello   world', "o'neil", 'a-b-c', '3rd place', 'ALL_CAPS_NAME', ''):
    print(repr(s.title()), repr(s.capitalize()))
