# repr chooses quotes and escapes control characters
print(repr('abc'), repr("it's"), repr('say "hi"'), repr('both \' and "'))
print(repr('tab\there'), repr('nl\n'), repr('cr\r'), repr('back\\slash'))
print(repr('\x00\x01\x1f\x7f'), repr('\x80'), repr('é€'), repr(''))
print(repr('\a\b\f\v'))
print(str('q"'), repr(['a', "b'c"]))
print(repr('😀'), repr('日本'), repr('x\ty'))
