"""Expenses (net.droidpilot.expenses), behaving like Pro Expense (com.arduia.expense), AndroidWorld's expense app.

Screens:
- `.ui.MainActivity` (launcher, "Home"): `toolbar` with "Open navigation drawer" (drawer `nav_view`: rows
  `nav_home` "Home", `nav_logs` "Expense Logs", `nav_statistics` "Statistics"; a swipe right opens it); the
  totals card `cd_value` ("Expenses in this Week" `tv_week_total`, "This month (October)" `tv_month_total`);
  "Recent" with `btn_recent_more` "See all" (opens Expense Logs); RecyclerView `rv_recent` with the 10 newest
  expenses ("No expenses yet" `tv_no_data` when empty); FAB `fb_add` "Add expense".
- Expense rows everywhere (`cd_expense`, tap opens the detail): `imv_category` badge, `tv_name`, `tv_date`
  ("Food · Oct 12, 2026"), `tv_amount` ("$12.50").
- `.ui.ExpenseLogsActivity` ("Expense Logs"): every expense newest first in RecyclerView `rv_expense` under date
  headers `tv_date_header` ("Today", "Yesterday", "Tue, Oct 13, 2026"). Long-press a row: selection mode (tap
  toggles, toolbar "N selected" with "Cancel selection", `select` "Select All", `delete` "Delete"); Delete asks
  "Delete Items" / "N items will be deleted!" (`android:id/button2` Cancel, `android:id/button1` Confirm).
- `.ui.ExpenseEntryActivity` ("Expense Entry"; "Edit Expense" with extra `expense_id`): EditTexts `edt_name`
  (hint "Name"), `edt_amount` (hint "Amount"; numberDecimal: keeps digits and one point, maxLength 10),
  dropdown `spinner_category` (shows `tv_category`; opens a "Category" dialog of RadioButtons in the app's order),
  date field `btn_date` (`tv_date_value`; also the toolbar's `calendar` "Calendar") opening the framework date
  picker (default today by the virtual clock), `edt_note` (hint "Note"), `btn_save` "Save". Toasts: "Name is
  Empty", "Cost is Empty", "Amount must be greater than $0"; "Saved" / "Data Updated!" on success.
- `.ui.ExpenseDetailActivity` ("Expense Detail", extra `expense_id`): `tv_name_value`, `tv_amount_value`,
  `tv_category_value`, `tv_date_value`, `tv_note_value`; toolbar `btn_edit` "Edit" and `btn_delete` "Delete"
  (same confirm dialog; toast "Item Deleted").
- `.ui.StatisticsActivity` ("Statistics"): period switch `btn_week` "This week" / `btn_month` "This month"
  (default) / `btn_all` "All time"; `tv_total`; "Category Statistics" rows `item_category_statistic`
  (`tv_category`, `tv_amount`, `tv_percentage`), largest first; "No Data" when empty.

Database `databases/accounting.db` (Pro Expense's file, table and columns, as AndroidWorld reads them):
- `expense(expense_id INTEGER PK AUTOINCREMENT, name TEXT, amount INTEGER, category INTEGER, note TEXT,
  created_date INTEGER, modified_date INTEGER)`. `amount` is in CENTS (Pro Expense stores amount x 100;
  AndroidWorld's `Expense.amount_dollars` is `amount / 100`): typing "12.5" stores 1250. `category` is the
  category id below. `created_date` is the expense's date in epoch ms (the picked day at the time of day it
  was entered; editing keeps the time of day), `modified_date` the last save in ms. All by the virtual clock
  (UTC).
- `category(category_id INTEGER PK, name TEXT)`: fixed ids 1 Others, 2 Income, 3 Food, 4 Housing, 5 Social,
  6 Entertainment, 7 Transportation, 8 Clothes, 9 Health Care, 10 Education, 11 Donation (AndroidWorld's
  `Expense.category_id_to_name`). New entries default to Others.
- Totals (home, statistics, seed API) sum `amount` over every row in the period, Income included; weeks start
  on Sunday, months on the 1st.

Seed API on `ExpensesApp` (amounts in dollars in, cents out): `insert_expense(name, amount, category, note="",
date=None) -> expense_id` (amount in dollars; category id or name; date datetime/date/ms/None=now),
`insert_row(name, amount_cents, category_id, note, created_date, modified_date) -> expense_id` (raw
AndroidWorld columns), `expenses() -> list[dict]` (columns plus `category_name`, `amount_dollars`),
`totals_by_category(period="all"|"month"|"week") -> {category name: cents}`, `clear()`.
"""

from droidpilot.emulator.virtual.apps.expenses.app import ExpensesApp

__all__ = ["ExpensesApp"]
