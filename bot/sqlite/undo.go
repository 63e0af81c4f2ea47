package sqlite

import (
	"context"
	"database/sql"
	"fmt"
)

// DeleteNight removes one night of a user's journal, if it is there: the
// undo of a night that was new.
func (s *Store) DeleteNight(ctx context.Context, userID, date string) error {
	return s.write(ctx, func(tx *sql.Tx) error {
		if _, err := tx.ExecContext(ctx, `DELETE FROM nights WHERE user_id = ? AND night = ?`, userID, date); err != nil {
			return fmt.Errorf("delete night: %w", err)
		}
		return nil
	})
}
