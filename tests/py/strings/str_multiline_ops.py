# processing multi-line text
text = """first line
  second line  
third: value
"""
for i, line in enumerate(text.splitlines()):
    print(i, repr(line.strip()), len(line))
pairs = [l.split(':') for l in text.splitlines() if ':' in l]
print(pairs)
words = text.split()
print(len(words), words[-1], sorted(words)[0])
print(text.count('\n'), text.upper().count('LINE'))
