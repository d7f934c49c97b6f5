# containers use __eq__ for membership, index, count and remove
class Card:
    def __init__(self, rank, suit):
        self.rank, self.suit = rank, suit
    def __eq__(self, o):
        return (self.rank, self.suit) == (o.rank, o.suit)
    def __repr__(self):
        return self.rank + self.suit
hand = [Card('A', 's'), Card('K', 'h'), Card('A', 's'), Card('2', 'c')]
print(Card('K', 'h') in hand, Card('Q', 'h') in hand)
print(hand.index(Card('2', 'c')), hand.count(Card('A', 's')))
hand.remove(Card('A', 's'))
print(hand)
print(Card('A', 's') == Card('A', 's'), Card('A', 's') != Card('A', 'h'))
print((Card('K', 'h'),) == (Card('K', 'h'),), [Card('2', 'c')] == [Card('2', 'c')])
