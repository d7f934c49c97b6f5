# sign options and zero padding
for v in (5, -5, 0, 3.5, -3.5):
    print('[{:+}][{:-}][{: }][{:06}][{:+06}][{:=+8}]'.format(v, v, v, v, v, v))
print('[{:08.3f}][{:+09.2f}][{: 08.1f}]'.format(-3.14159, 2.5, 7.25))
print('[{:05d}][{:=6d}][{:x<6d}]'.format(-42, -42, -42))
print('[{:010,}]'.format(1234567), '[{:+,}]'.format(-1000))
