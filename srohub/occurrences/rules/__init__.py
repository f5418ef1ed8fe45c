"""The youth-records rules of the Youth Criminal Justice Act (S.C. 2002, c. 1), as pure functions of
plain values (dates, outcome names). One module per idea:

- ``calendar``: months and years counted as the Interpretation Act s.28 says;
- ``access_periods``: s.119(2)(a)–(j), s.119(4), s.119(9);
- ``parental_notice``: s.26 and s.11;
- ``disclosure``: s.125(6)–(8);
- ``validation``: the dates and ages an outcome must make sense with.
"""
