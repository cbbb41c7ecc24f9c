"""Messages (com.android.messaging), like AOSP Messaging on Android 14.

Screens:
- `.ui.conversationlist.ConversationListActivity` (launcher): app bar "Messages"; RecyclerView
  `conversation_list` of rows (`swipeableContent`: avatar `conversation_icon`, `conversation_name` = the
  contact's name when the number matches a contact, else the formatted number ("+1 415-555-0142"),
  `conversation_snippet` ("Draft: ..." for a draft), `conversation_timestamp`); unread rows are bold.
  FAB `start_chat_fab` "Start chat". Long-press a row for selection mode (the app bar shows the count,
  "Navigate up" leaves it, taps toggle rows); ImageButton `action_delete` "Delete" asks "Delete this
  conversation?" (`android:id/button2` Cancel / `android:id/button1` Delete). Empty: `list_empty_text_view`.
- `.ui.conversation.ConversationActivity`: with no recipient (the FAB) it is the new-conversation picker:
  "New conversation", the "To" EditText `recipient_text_view` ("Type name, phone number, or email") and the
  RecyclerView `contact_list` of suggestions (`contact_name` / `contact_details`): a "Send to NUMBER" row when
  digits are typed, then contacts whose name (accent-insensitive) or number digits match. Enter commits the
  typed number or the top suggestion; tapping a row opens that number's thread in the same screen.
  With a recipient (extra `thread_id`, extra `address`, or VIEW/SENDTO `sms:` / `smsto:NUMBER`, optional
  `sms_body`): app bar with the name or number; RecyclerView `message_list` of bubbles (`message_content`
  rows with `message_text` and `message_status` (time); incoming left with an avatar, outgoing right), opened
  at the newest; compose EditText `compose_message_text` ("Text message") and ImageButton
  `send_message_button` "Send SMS" (disabled while the field is blank). Opening a thread marks it read and
  cancels its notifications; leaving with unsent text saves it as the thread's draft, which returns to the
  field when the thread is reopened. Back on a thread opened from a notification shows the list.

Database `databases/mmssms.db` (the Telephony provider's tables):
- `threads(_id, address, snippet, date, read, message_count)`: one per recipient; `address` as in sms;
  snippet/date of the newest message; `read` 0 while any incoming message is unread.
- `sms(_id, thread_id, address, person, date, date_sent, read, status, type, body)`: `type` 1 inbox
  (received), 2 sent, 3 draft; `date` ms; `read` 0/1; `status` -1 (none); `person` NULL. A number is stored
  with only its digits and a leading + ("+1 555 0100" -> "+15550100"); threads match numbers by their digits
  (one ending with the other, at least 7 digits).

Content provider (authorities `sms`, `mms-sms`): `content://sms`, `content://sms/inbox` (type 1),
`content://sms/sent` (type 2), `content://sms/draft` (type 3), `content://sms/ID`: rows newest first with keys
`_id, thread_id, address, person, date, date_sent, read, status, type, body`; `content://sms/conversations`
(`thread_id, msg_count, snippet`); `content://mms-sms/conversations` (thread rows). Insert into
`content://sms/inbox` / `sent` / `draft` with `address`, `body`, optional `date`, `read`.

Contact names come from the Contacts app's provider (`content://contacts/phones`); without it, numbers show.

Seed API on `MessagesApp`: `receive_sms(address, body)` (unread + notification), `insert_message(address,
body, type, date_ms=None, read=None)`, `messages()`, `threads()`, `clear()`.
"""

from droidpilot.emulator.virtual.apps.messages.app import MessagesApp

__all__ = ["MessagesApp"]
