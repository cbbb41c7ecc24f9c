"""Contacts (com.android.contacts), like Google/AOSP Contacts on Android 14.

Screens:
- `.activities.PeopleActivity` (launcher): toolbar with "Search contacts" (`menu_search`) which turns it into an
  EditText `search_view` filtering as you type (name, accent-insensitive, or number digits); favourites
  (starred) under "Favourites" at the top, then everyone A-Z under letter headers in the RecyclerView
  `contact_list` (rows: content-desc = display name, name TextView `cliv_name_textview`); FAB
  `floating_action_button` "Create contact"; "No contacts" (`empty_list_view`) when empty.
- `.activities.ContactEditorActivity` (extra `contact_id` edits; else creates, optionally prefilled from the
  extras `name`, `phone`, `email`; also INSERT with data `content://com.android.contacts/raw_contacts`):
  EditTexts `first_name`, `last_name`, `phone`, `email`; `editor_menu_save_button`
  "Save"; the close button "Navigate up" or Back asks "Discard changes?" (Keep editing / Discard) when edited.
  Saving nothing toasts "Can't save an empty contact"; creating opens the new contact's card.
- `.activities.QuickContactActivity` (extra `contact_id`, or VIEW `content://com.android.contacts/contacts/ID`):
  `large_title` name, phone and email rows (`header` / `sub_header`), `menu_star` "Add to favourites" /
  "Remove from favourites", `menu_edit` "Edit contact", "More options" -> "Delete" -> "Delete this contact?"
  (Cancel / Delete). Tapping a number or its "Send message" button starts com.android.messaging with action
  SENDTO, data `smsto:NUMBER` (percent-encoded), extras `address` and `display_name`.

Database `databases/contacts2.db`:
- `contacts(_id, first_name, last_name, display_name, starred 0/1, created_ms, updated_ms)`; `display_name` is
  "First Last", or the number / email for a nameless contact.
- `phones(_id, contact_id, number, type)`: the number as typed; type as ContactsContract Phone.TYPE_*
  (1 Home, 2 Mobile, 3 Work, 7 Other); the editor writes 2.
- `emails(_id, contact_id, address, type)`: type as Email.TYPE_* (1 Home, 2 Work, 3 Other, 4 Mobile).

Content provider (authorities `contacts` and `com.android.contacts`, rows ordered by `_id`):
- `content://contacts/phones`, `content://com.android.contacts/data/phones`: one row per number with
  `_id`, `contact_id`, `display_name`, `number`, `type`.
- `content://contacts/people`, `content://com.android.contacts/contacts` (optionally `/ID`): `_id`,
  `display_name`, `starred`.
- `content://com.android.contacts/data/emails`: `_id`, `contact_id`, `display_name`, `address`, `type`.
- insert into `content://contacts/people` with `display_name` (or `name`), optional `number`, `email`,
  `starred` returns `content://contacts/people/ID`.

Seed API on `ContactsApp`: `insert_contact(first, last="", phone="", email="", starred=False) -> int`,
`contacts() -> list[dict]`, `clear()`.
"""

from droidpilot.emulator.virtual.apps.contacts.app import ContactsApp

__all__ = ["ContactsApp"]
