"""Row locks that keep concurrent writes of one person's records from deadlocking.

The order is always the same: the chatbot user's row first, then anything below it. Every
write that adds or changes a record of a user takes a `FOR NO KEY UPDATE` lock on the user's
row before it writes; an erasure takes `FOR UPDATE` on the same row. So one of them waits for
the other to finish, instead of each holding a row the other needs (PostgreSQL would then
abort one with "deadlock detected"). SQLite needs none of this: its writers already queue.
"""


def lock_owner(user):
    """Lock `user`'s row for a write of one of their records, until the transaction ends.

    Returns False when the row is gone (deleted by a request that finished meanwhile).
    """
    if user is None:
        return True
    return type(user).objects.select_for_update(no_key=True).filter(pk=user.pk).exists()
