# predicate methods on mixed content
print('A1'.isupper(), 'a1'.islower(), '1'.isupper(), '1'.islower(), 'A b'.isupper())
print('   '.isspace(), '\t\r\n\x0b\x0c'.isspace(), ' a '.isspace())
print('0123456789'.isdigit(), '-1'.isdigit(), '1.0'.isdigit(), '1_0'.isdigit())
print('abcXYZ'.isalpha(), 'abc def'.isalpha(), 'abc1'.isalpha())
print(''.isdigit(), ''.isalpha(), ''.isspace(), ''.isupper(), ''.islower())
