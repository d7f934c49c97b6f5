# case conversion methods on ASCII text
s = 'Hello World, this IS a tesT 123'
print(s.upper())
print(s.lower())
print(s.capitalize())
print(s.title())
print('abc'.upper(), 'ABC'.lower(), ''.upper(), '123'.lower())
print('hELLO'.capitalize(), 'a'.capitalize(), ''.capitalize(), '1abc'.capitalize())
print("they're bill's friends".title(), 'hello-world foo_bar'.title(), 'x1y2'.title())
print('MiXeD'.upper().lower())
