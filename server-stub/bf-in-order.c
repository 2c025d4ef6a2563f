/* bf-in-order.c: see bf-in-order.h. */
#include "bf-config.h"
#include "bf-in-order.h"

struct _BfInOrderTicket {
  char             *key;
  BfInOrderRelease  release;
  gpointer          data;
  gboolean          ready;
  gint64            ready_at; /* monotonic µs */
  gboolean          passed;   /* out of its line: released as soon as it is ready */
};

typedef struct {
  BfInOrder *owner;
  char      *key;
  GQueue     tickets;   /* oldest first */
  guint      grace_source;
} Line;

struct _BfInOrder {
  GHashTable *lines;    /* key → Line */
  GHashTable *passed;   /* tickets passed by, until they are ready */
  guint       grace_ms;
};

static void
ticket_free (gpointer data)
{
  BfInOrderTicket *ticket = data;

  g_free (ticket->key);
  g_free (ticket);
}

static void
line_free (gpointer data)
{
  Line *line = data;

  g_clear_handle_id (&line->grace_source, g_source_remove);
  g_queue_clear_full (&line->tickets, ticket_free);
  g_free (line->key);
  g_free (line);
}

BfInOrder *
bf_in_order_new (guint grace_ms)
{
  BfInOrder *self = g_new0 (BfInOrder, 1);

  self->lines = g_hash_table_new_full (g_str_hash, g_str_equal, NULL, line_free);
  self->passed = g_hash_table_new_full (NULL, NULL, ticket_free, NULL);
  self->grace_ms = grace_ms;
  return self;
}

void
bf_in_order_free (BfInOrder *self)
{
  if (self == NULL)
    return;
  g_hash_table_destroy (self->lines);
  g_hash_table_destroy (self->passed);
  g_free (self);
}

BfInOrderTicket *
bf_in_order_enter (BfInOrder *self, const char *key)
{
  BfInOrderTicket *ticket = g_new0 (BfInOrderTicket, 1);
  Line *line = g_hash_table_lookup (self->lines, key);

  if (line == NULL)
    {
      line = g_new0 (Line, 1);
      line->owner = self;
      line->key = g_strdup (key);
      g_queue_init (&line->tickets);
      g_hash_table_insert (self->lines, line->key, line);
    }
  ticket->key = g_strdup (key);
  g_queue_push_tail (&line->tickets, ticket);
  return ticket;
}

static gboolean grace_ended (gpointer data);

/* Releases the ready tickets at the head of @line, and sets the line's timer for when the
 * longest-waiting ready ticket left has waited its grace; the line goes once it is empty, so
 * that a district's tokens do not pile up in the table. */
static void
drain (BfInOrder *self, Line *line)
{
  BfInOrderTicket *head;
  gint64 oldest = G_MAXINT64;

  while ((head = g_queue_peek_head (&line->tickets)) != NULL && head->ready)
    {
      g_queue_pop_head (&line->tickets);
      if (head->release != NULL)
        head->release (head->data);
      ticket_free (head);
    }
  for (GList *l = line->tickets.head; l != NULL; l = l->next)
    {
      const BfInOrderTicket *ticket = l->data;
      if (ticket->ready)
        oldest = MIN (oldest, ticket->ready_at);
    }
  g_clear_handle_id (&line->grace_source, g_source_remove);
  if (oldest != G_MAXINT64)
    {
      gint64 left_us = oldest + (gint64) self->grace_ms * 1000 - g_get_monotonic_time ();
      line->grace_source = g_timeout_add ((guint) MAX ((left_us + 999) / 1000, 0), grace_ended,
                                          line);
    }
  if (g_queue_is_empty (&line->tickets))
    g_hash_table_remove (self->lines, line->key);
}

/* Work has waited its grace behind tickets whose requests are still coming in: those are
 * passed by, and take their turn whenever they are ready. Only the tickets before work that
 * has waited the whole grace are: one that came in later gets its own. */
static gboolean
grace_ended (gpointer data)
{
  Line *line = data;
  BfInOrder *self = line->owner;
  gint64 now = g_get_monotonic_time ();
  GList *last_due = NULL;

  line->grace_source = 0;
  for (GList *l = line->tickets.head; l != NULL; l = l->next)
    {
      const BfInOrderTicket *ticket = l->data;
      if (ticket->ready && ticket->ready_at + (gint64) self->grace_ms * 1000 <= now)
        last_due = l;
    }
  for (GList *l = line->tickets.head, *next; l != NULL && l != last_due && last_due != NULL;
       l = next)
    {
      BfInOrderTicket *ticket = l->data;

      next = l->next;
      if (ticket->ready)
        continue;
      g_queue_delete_link (&line->tickets, l);
      ticket->passed = TRUE;
      g_hash_table_add (self->passed, ticket);
    }
  drain (self, line);
  return G_SOURCE_REMOVE;
}

void
bf_in_order_ready (BfInOrder *self, BfInOrderTicket *ticket, BfInOrderRelease release,
                   gpointer data)
{
  Line *line;

  if (ticket->passed)
    {
      g_hash_table_steal (self->passed, ticket);
      if (release != NULL)
        release (data);
      ticket_free (ticket);
      return;
    }
  line = g_hash_table_lookup (self->lines, ticket->key);
  g_return_if_fail (line != NULL);
  ticket->ready = TRUE;
  ticket->ready_at = g_get_monotonic_time ();
  ticket->release = release;
  ticket->data = data;
  drain (self, line);
}

void
bf_in_order_leave (BfInOrder *self, BfInOrderTicket *ticket)
{
  bf_in_order_ready (self, ticket, NULL, NULL);
}

guint
bf_in_order_waiting (BfInOrder *self)
{
  GHashTableIter iter;
  gpointer line;
  guint waiting = g_hash_table_size (self->passed);

  g_hash_table_iter_init (&iter, self->lines);
  while (g_hash_table_iter_next (&iter, NULL, &line))
    waiting += g_queue_get_length (&((Line *) line)->tickets);
  return waiting;
}
