alter table programmessage
    add column if not exists notificationtemplate varchar(255);
