ALTER TYPE "NotificationCategory" ADD VALUE 'Buzz';
ALTER TYPE "NotificationCategory" ADD VALUE 'System';
