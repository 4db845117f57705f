"""The shared API kit: the conventions every resource of clinicbot follows.

Apps import from here; nothing here imports an app.
"""
