"""The group meeting (pertemuan kelompok): what every member of a group pays that day,
savings and installments, entered in one grid and posted at once.

Sits above the features it brings together (savings, financing, members): the
meeting's service calls their rules in one unit of work, so the meeting posts all
or nothing, and each payment obeys the same rules as at the cashier's desk.
May import every feature; no feature imports it.
"""
