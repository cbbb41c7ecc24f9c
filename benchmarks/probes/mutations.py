"""GUI changes to the data a question asks about, for the answer-from-mutated-state probe.

Each mutation is another family's oracle run on the question's own parameters: delete the contact, the file, the
alarm, the event, the expense, the note or the track the question is about; send the person a text; complete the
task. The question must then fail whatever the probe answers, since the data it asks about is no longer what was
seeded.
"""

from __future__ import annotations

from collections.abc import Callable

from droidpilot.benchmarks.probes import ProbeNotApplicable
from droidpilot.benchmarks.suites.androidworld import (
    calendar,
    camera_gallery_files,
    clock,
    contacts,
    expenses,
    joplin,
    sms,
    sports_tracker,
)
from droidpilot.benchmarks.suites.androidworld import tasks as todo
from droidpilot.benchmarks.task import Task


def _delete_contact(task: Task) -> Task:
    return contacts.ContactsDeleteContact(task.params)


def _text_the_person(task: Task) -> Task:
    assert isinstance(task.params, sms.SmsParams)
    params = sms.SmsParams(seed=task.params.seed, book=task.params.book, history=task.params.history,
                           target=task.params.target, message="Sorry, which one did you mean?")
    return sms.SimpleSmsSendToContact(params)


def _delete_a_file(task: Task) -> Task:
    assert isinstance(task.params, camera_gallery_files.TargetParams)
    folder = task.params.folder
    victim = next(f.name for f in task.params.files if f.folder == folder)
    return camera_gallery_files.FilesDeleteFile(task.params.model_copy(update={"file_name": victim}))


def _delete_the_alarm(task: Task) -> Task:
    return clock.ClockAlarmDelete(task.params)


def _delete_an_event(task: Task) -> Task:
    assert isinstance(task.params, calendar.CalendarParams)
    if not task.params.targets:
        raise ProbeNotApplicable("the question names no event")
    return calendar.SimpleCalendarDeleteOneEvent(task.params.model_copy(update={"title": task.params.targets[0]}))


def _complete_a_task(task: Task) -> Task:
    assert isinstance(task.params, todo.TasksParams)
    if not task.params.targets:
        raise ProbeNotApplicable("the question names no task")
    return todo.TasksCompleteTask(task.params)


def _delete_an_expense(task: Task) -> Task:
    return expenses.ExpenseDeleteSingle(task.params)


def _delete_a_note(task: Task) -> Task:
    return joplin.DeleteAskedNote(task.params)


def _delete_a_track(task: Task) -> Task:
    return sports_tracker.DeleteAskedTrack(task.params)


MUTATIONS: dict[type, Callable[[Task], Task]] = {  # abstract family bases as keys
    contacts._ContactQuestion: _delete_contact,
    sms._SmsQuestion: _text_the_person,
    camera_gallery_files.FilesCountQuestion: _delete_a_file,
    clock.ClockAlarmTimeQuestion: _delete_the_alarm,
    calendar._CalendarQuestion: _delete_an_event,
    todo._TasksQuestion: _complete_a_task,
    expenses.ExpenseCategoryTotal: _delete_an_expense,
    joplin._JoplinQuestion: _delete_a_note,
    sports_tracker._SportsQuestion: _delete_a_track,
}
"""By family (a base class of the question): how to change its data through the GUI."""


def has_mutation(cls: type[Task]) -> bool:
    return any(issubclass(cls, family) for family in MUTATIONS)


def mutation_for(task: Task) -> Task:
    for family, make in MUTATIONS.items():
        if isinstance(task, family):
            return make(task)
    raise ProbeNotApplicable(f"no GUI mutation for {task.name()}")
