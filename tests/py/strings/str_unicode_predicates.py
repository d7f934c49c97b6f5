# predicates and case mapping beyond ASCII
for s in ('²', '½', '٣', '一', 'Ⅷ', 'é', 'ß', 'ǅ', 'ΣΑΣ', 'हिन्दी', '\xa0', '\u2028', '\x1c', '_a1', 'éa', '1a', ''):
    print(repr(s), s.isdigit(), s.isdecimal(), s.isnumeric(), s.isalpha(), s.isalnum(), s.isspace(),
          s.isupper(), s.islower(), s.istitle(), s.isidentifier(), s.isprintable(), s.isascii())
for s in ('ß', 'ǆ', 'ﬁ', 'İ', 'ΣΑΣ ΣΑΣ', 'straße', 'ǅemal', 'hello wörld', "they're"):
    print(repr(s), s.upper(), s.lower(), s.title(), s.capitalize(), s.swapcase(), s.casefold())
print('a\x1cb\x1dc'.split(), 'a\u3000b\xa0c'.split(), ' \u2003x\u2003 '.strip(), 'x\x85y'.rsplit())
print('a\x0bb\x0cc\x1cd\x1de\x1ef\x85g\u2028h\u2029i'.splitlines(), 'a\r\nb\rc'.splitlines(True))
print(repr('\xa0\u200b\u200d\U0010ffff\ue000\x7f\x9f'), repr('😀é€ñ'))
