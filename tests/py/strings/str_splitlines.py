# str.splitlines with various line endings
print('a\nb\nc'.splitlines())
print('a\nb\nc\n'.splitlines())
print('a\r\nb\rc\n\nd'.splitlines())
print(''.splitlines(), '\n'.splitlines(), 'no newline'.splitlines())
print('a\nb\n'.splitlines(True))
print('x\r\ny\rz'.splitlines(True))
print('line1\n\nline3'.splitlines())
