/* bf-in-order.c: see bf-in-order.h. */
#include "bf-config.h"
#include "bf-in-order.h"

struct _BfInOrderTicket {
  char             *key;
  BfInOrderRelease  release;
  gpointer          data;
  gboolean          ready;
};

struct _BfInOrder {
  GHashTable *lines;   /* key → GQueue of BfInOrderTicket, oldest first */
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
  g_queue_free_full (data, ticket_free);
}

BfInOrder *
bf_in_order_new (void)
{
  BfInOrder *self = g_new0 (BfInOrder, 1);

  self->lines = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, line_free);
  return self;
}

void
bf_in_order_free (BfInOrder *self)
{
  if (self == NULL)
    return;
  g_hash_table_destroy (self->lines);
  g_free (self);
}

BfInOrderTicket *
bf_in_order_enter (BfInOrder *self, const char *key, BfInOrderRelease release, gpointer data)
{
  BfInOrderTicket *ticket = g_new0 (BfInOrderTicket, 1);
  GQueue *line = g_hash_table_lookup (self->lines, key);

  if (line == NULL)
    {
      line = g_queue_new ();
      g_hash_table_insert (self->lines, g_strdup (key), line);
    }
  ticket->key = g_strdup (key);
  ticket->release = release;
  ticket->data = data;
  g_queue_push_tail (line, ticket);
  return ticket;
}

void
bf_in_order_ready (BfInOrder *self, BfInOrderTicket *ticket)
{
  g_autofree char *key = g_strdup (ticket->key);
  GQueue *line = g_hash_table_lookup (self->lines, key);
  BfInOrderTicket *head;

  g_return_if_fail (line != NULL);
  ticket->ready = TRUE;
  while ((head = g_queue_peek_head (line)) != NULL && head->ready)
    {
      g_queue_pop_head (line);
      head->release (head->data);
      ticket_free (head);
    }
  /* An empty line goes, so that a district's tokens do not pile up in the table. */
  if (g_queue_is_empty (line))
    g_hash_table_remove (self->lines, key);
}

guint
bf_in_order_waiting (BfInOrder *self)
{
  GHashTableIter iter;
  gpointer line;
  guint waiting = 0;

  g_hash_table_iter_init (&iter, self->lines);
  while (g_hash_table_iter_next (&iter, NULL, &line))
    waiting += g_queue_get_length (line);
  return waiting;
}
