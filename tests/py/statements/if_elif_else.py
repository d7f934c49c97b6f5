# if / elif / else chains
def classify(n):
    if n < 0:
        return 'negative'
    elif n == 0:
        return 'zero'
    elif n < 10:
        return 'small'
    elif n < 100:
        return 'medium'
    else:
        return 'large'
for n in (-5, 0, 3, 42, 1000):
    print(n, classify(n))
x = 5
if x: print('truthy one-liner')
if not x:
    print('never')
else:
    print('else branch')
if []:
    print('no')
elif {}:
    print('no')
elif 'x':
    print('string elif')
if x > 1:
    if x > 3:
        print('nested both')
    else:
        print('nested outer only')
